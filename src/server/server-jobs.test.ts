import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createMemoryStores } from '../stores/memory/memory-stores.js';
import type { PersistedGrant, Stores } from '../stores/types.js';
import { CleanupError, cleanupExpired } from './cleanup-expired.js';
import { createIdentityServer } from './create-identity-server.js';
import { recordingPino } from './recording-pino.case.js';
import { serverJobs } from './server-jobs.js';
import type { CreateIdentityServerOptions, IdentityServer } from './types.js';

const now = () => Math.floor(Date.now() / 1000);
const grant = (expiresAt: number): PersistedGrant => ({
  key: randomBytes(12).toString('base64url'),
  type: 'reference_token',
  clientId: 'svc',
  createdAt: now() - 100,
  expiresAt,
  data: 'x',
});

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

async function server(over: Partial<CreateIdentityServerOptions> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'sigil-jobs-'));
  dirs.push(dataDir);
  const log = recordingPino('info');
  const sigil = await createIdentityServer({
    issuer: 'https://login.jobs.test',
    store: { type: 'memory' },
    dataDir,
    dataProtection: { masterKey: randomBytes(32).toString('base64'), applicationName: 'jobs-test' },
    keyManagement: { signingAlgorithms: ['ES256'] },
    logger: log.logger,
    ...over,
  });
  return { sigil, log, dataDir };
}

const jobsOf = (s: IdentityServer) => serverJobs(s.context, s.keys, s.dataProtection);

describe('server jobs', () => {
  it('runs keys, data-protection and cleanup by default', async () => {
    const { sigil } = await server();
    try {
      assert.deepEqual(
        jobsOf(sigil).map((j) => j.name),
        ['keys', 'data-protection', 'cleanup'],
      );
      const cleanup = jobsOf(sigil).find((j) => j.name === 'cleanup')!;
      assert.equal(cleanup.intervalMs, 3_600_000);
    } finally {
      await sigil.close();
    }
  });

  it('leaves out cleanup when disabled, and keys when key management is off', async () => {
    const { generateKeyPairSync } = await import('node:crypto');
    const jwk = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' });
    const { sigil } = await server({
      cleanup: { enabled: false },
      keyManagement: { enabled: false, staticKeys: [{ jwk: jwk as Record<string, unknown> }] },
    });
    try {
      assert.deepEqual(
        jobsOf(sigil).map((j) => j.name),
        ['data-protection'],
      );
      await assert.rejects(sigil.runJob('cleanup'), /no background job "cleanup"/);
    } finally {
      await sigil.close();
    }
  });

  it('paces the keys job by the key manager: keyCacheDuration, clamped to a quarter of propagationTime', async () => {
    for (const [keyManagement, expected] of [
      [{ keyCacheDuration: 7 }, 7000],
      [{ keyCacheDuration: 60, propagationTime: 20, rotationInterval: 3600 }, 5000],
      [{}, 300_000],
    ] as const) {
      const { sigil } = await server({ keyManagement: { signingAlgorithms: ['ES256'], ...keyManagement } });
      try {
        const keys = jobsOf(sigil).find((j) => j.name === 'keys')!;
        assert.equal(typeof keys.intervalMs, 'function');
        assert.equal((keys.intervalMs as () => number)(), expected);
        assert.equal(sigil.keys.nextRefreshDelay() * 1000, expected);
      } finally {
        await sigil.close();
      }
    }
  });

  it('cleanup batches by cleanup.batchSize and logs what it removed', async () => {
    const { sigil, log } = await server({ cleanup: { batchSize: 3 } });
    try {
      for (let i = 0; i < 10; i++) await sigil.stores.grants.store(grant(now() - 5));
      const live = grant(now() + 3600);
      await sigil.stores.grants.store(live);
      await sigil.runJob('cleanup');
      const line = log.entries.find((e) => e.msg === 'removed 10 expired artifacts');
      assert.ok(line, JSON.stringify(log.entries));
      assert.equal((line.removed as Record<string, number>).grants, 10);
      assert.ok(await sigil.stores.grants.get(live.key));
    } finally {
      await sigil.close();
    }
  });

  it('keeps sweeping after a short batch: a store skipping rows held by another instance returns one', async () => {
    const memory = createMemoryStores();
    // The memory store, returning at most half a batch, as a SKIP LOCKED store does under contention.
    const halfBatches: Stores = {
      ...memory,
      grants: { ...memory.grants, removeExpired: (t, b) => memory.grants.removeExpired(t, Math.ceil(b / 2)) },
    };
    for (let i = 0; i < 25; i++) await memory.grants.store(grant(now() - 5));
    const removed = await cleanupExpired(halfBatches, now(), 10);
    assert.equal(removed.grants, 25);
  });

  it('sweeps the other stores when one fails, and the runner logs the failure', async () => {
    const { sigil, log, dataDir } = await server({ store: { type: 'sqlite' } });
    try {
      for (let i = 0; i < 4; i++) await sigil.stores.grants.store(grant(now() - 5));
      await sigil.stores.pushedRequests.store({ key: 'par-1', clientId: 'svc', expiresAt: now() - 5, data: 'x' });
      // A real failure: the grants table disappears under the running server.
      const raw = new Database(join(dataDir, 'sigil.db'));
      raw.exec('drop table persisted_grants');
      raw.close();
      await sigil.runJob('cleanup');
      const failure = log.entries.find((e) => e.level === 50);
      assert.ok(failure, 'the failure is logged');
      assert.equal(failure.job, 'cleanup');
      assert.match(JSON.stringify(failure.err), /expired-artifact cleanup failed for grants/);
      const partial = log.entries.find((e) => e.msg === 'partial expired-artifact cleanup');
      assert.ok(partial, 'what was removed despite the failure is logged');
      assert.equal((partial.removed as Record<string, number>).pushedRequests, 1);
      // The next run fails the same way, and is again logged rather than thrown.
      await sigil.runJob('cleanup');
      assert.equal(log.entries.filter((e) => e.level === 50).length, 2);
    } finally {
      await sigil.close();
    }
  });

  it('close() waits for a cleanup pass in flight and closes the store only after it', async () => {
    const { sigil, log } = await server({ store: { type: 'sqlite' }, cleanup: { batchSize: 1 } });
    for (let i = 0; i < 500; i++) await sigil.stores.grants.store(grant(now() - 5));
    let ended = false;
    const run = sigil.runJob('cleanup').then(() => (ended = true));
    await new Promise((r) => setImmediate(r));
    await sigil.close();
    assert.equal(ended, true, 'close() resolved before the pass ended');
    await run;
    assert.deepEqual(
      log.entries.filter((e) => e.level >= 50),
      [],
    );
  });

  it('CleanupError names every failed store and keeps the counts', () => {
    const e = new CleanupError(
      [
        { target: 'grants', error: new Error('a') },
        { target: 'sessions', error: 'b' },
      ],
      { grants: 0, replay: 2, pushedRequests: 0, deviceCodes: 0, sessions: 0 },
    );
    assert.deepEqual(e.failed, ['grants', 'sessions']);
    assert.equal(e.removed.replay, 2);
    assert.match(e.message, /grants \(a\), sessions \(b\)/);
  });
});
