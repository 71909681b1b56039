/**
 * The cleanup job on three server instances sharing one PostgreSQL or MariaDB database, all
 * sweeping at once while they keep writing live grants: every expired row is deleted by exactly
 * one instance (the removed counts they log add up), nothing live is deleted, and no instance
 * logs an error (deadlocks included).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type ThrowawayDatabase, throwawayDatabase } from '../stores/sql/test-databases.case.js';
import type { PersistedGrant, ServerSideSession, Stores } from '../stores/types.js';
import { createIdentityServer } from './create-identity-server.js';
import { type LogEntry, recordingPino } from './recording-pino.case.js';
import type { IdentityServer } from './types.js';

const INSTANCES = 3;
const EXPIRED_GRANTS = 900;
const LIVE_GRANTS = 300;
const EXPIRED_SESSIONS = 120;
const BATCH = 20;

const now = () => Math.floor(Date.now() / 1000);
const id = () => randomBytes(12).toString('base64url');

function grant(expiresAt: number | undefined): PersistedGrant {
  return { key: id(), type: 'reference_token', clientId: 'svc', createdAt: now() - 100, expiresAt, data: 'x' };
}

function session(expiresAt: number): ServerSideSession {
  const key = id();
  return {
    key,
    subjectId: 'alice',
    sessionId: key,
    createdAt: now() - 100,
    renewedAt: now() - 100,
    expiresAt,
    data: 'x',
  };
}

/** Runs `fn` over `items`, `width` at a time. */
async function inParallel<T>(items: readonly T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** What one instance's `removed N expired artifacts` lines add up to. */
function removedBy(entries: readonly LogEntry[], target: 'grants' | 'sessions'): number {
  return entries
    .filter((e) => e.removed !== undefined)
    .reduce((sum, e) => sum + ((e.removed as Record<string, number>)[target] ?? 0), 0);
}

for (const engine of ['postgres', 'mysql'] as const) {
  describe(`cleanup on ${INSTANCES} instances sharing one ${engine} database`, () => {
    let database: ThrowawayDatabase | undefined;
    let dataDir: string;
    const servers: IdentityServer[] = [];
    const logs: LogEntry[][] = [];

    before(async () => {
      database = await throwawayDatabase(engine);
      if (!database) return;
      dataDir = await mkdtemp(join(tmpdir(), 'sigil-cleanup-'));
      const masterKey = randomBytes(32).toString('base64');
      // One at a time: the first applies the migrations, the others find them applied.
      for (let i = 0; i < INSTANCES; i++) {
        const log = recordingPino('info');
        logs.push(log.entries);
        servers.push(
          await createIdentityServer({
            issuer: 'https://login.cleanup.test',
            store: { ...database.options, poolSize: 4 },
            dataDir,
            dataProtection: { masterKey, applicationName: 'cleanup-test' },
            keyManagement: { signingAlgorithms: ['ES256'] },
            cleanup: { batchSize: BATCH },
            logger: log.logger,
          }),
        );
      }
    });

    after(async () => {
      await Promise.all(servers.map((s) => s.close()));
      await database?.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    });

    it('deletes every expired grant exactly once, keeps live ones, and logs no error or deadlock', {
      timeout: 180_000,
    }, async (t) => {
      if (!database) return t.skip(`${engine} is unavailable`);
      const stores: Stores = servers[0]!.stores;
      const expired = Array.from({ length: EXPIRED_GRANTS }, () => grant(now() - 60));
      const live = [
        ...Array.from({ length: LIVE_GRANTS }, () => grant(now() + 3600)),
        ...Array.from({ length: 20 }, () => grant(undefined)),
      ];
      const sessions = Array.from({ length: EXPIRED_SESSIONS }, () => session(now() - 60));
      const liveSession = session(now() + 3600);
      await inParallel([...expired, ...live], 8, (g) => stores.grants.store(g));
      await inParallel([...sessions, liveSession], 8, (s) => stores.sessions.create(s));

      // While all three sweep, they keep inserting live grants next to the rows being deleted.
      let sweeping = true;
      const writtenMeanwhile: PersistedGrant[] = [];
      const writers = servers.map(async (s) => {
        while (sweeping) {
          const g = grant(now() + 3600);
          await s.stores.grants.store(g);
          writtenMeanwhile.push(g);
        }
      });
      await Promise.all(servers.map((s) => s.runJob('cleanup')));
      sweeping = false;
      await Promise.all(writers);

      const errors = logs.flat().filter((e) => e.level >= 50);
      assert.deepEqual(
        errors.map((e) => e.msg),
        [],
        'no instance may log an error',
      );
      assert.ok(!JSON.stringify(logs).toLowerCase().includes('deadlock'), 'no deadlock may be logged');
      const grantCounts = logs.map((l) => removedBy(l, 'grants'));
      const sessionCounts = logs.map((l) => removedBy(l, 'sessions'));
      t.diagnostic(`grants removed per instance: ${grantCounts.join(', ')}; sessions: ${sessionCounts.join(', ')}`);
      assert.equal(
        grantCounts.reduce((a, b) => a + b),
        EXPIRED_GRANTS,
        `removed per instance: ${grantCounts.join(', ')}`,
      );
      assert.equal(
        sessionCounts.reduce((a, b) => a + b),
        EXPIRED_SESSIONS,
        `removed per instance: ${sessionCounts.join(', ')}`,
      );
      for (const g of expired) assert.equal(await stores.grants.get(g.key), undefined, 'an expired grant is left');
      for (const g of [...live, ...writtenMeanwhile])
        assert.ok(await stores.grants.get(g.key), 'a live grant was deleted');
      assert.ok(await stores.sessions.get(liveSession.key), 'a live session was deleted');
      assert.ok(writtenMeanwhile.length > 0);
    });
  });
}
