/**
 * Data protection as `createIdentityServer` sets it up: the default application name comes from
 * the issuer and nothing else, production start-up warns while it is not set, and a restart with
 * another master key or application name fails or says so instead of silently minting new keys.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DataProtectionError } from '../crypto/data-protection-error.js';
import { createIdentityServer } from './create-identity-server.js';
import { recordingPino } from './recording-pino.case.js';
import type { CreateIdentityServerOptions } from './types.js';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'sigil-dp-start-'));
  dirs.push(d);
  return d;
}

const masterKey = () => randomBytes(32).toString('base64');

async function start(over: Partial<CreateIdentityServerOptions> & { dataDir: string }) {
  const log = recordingPino('info');
  const sigil = await createIdentityServer({
    issuer: 'https://login.example.com',
    store: { type: 'sqlite' },
    keyManagement: { signingAlgorithms: ['ES256'] },
    backgroundJobs: false,
    logger: log.logger,
    env: {},
    ...over,
  });
  return { sigil, log };
}

const WARNING = /dataProtection\.applicationName is not set, so it is derived from the issuer/;

describe('the default application name', () => {
  it('is derived from the issuer, lower-cased, and shared by instances in other directories', async () => {
    const shared = join(await tempDir(), 'shared.db');
    const key = masterKey();
    const issuer = 'https://Login.Example.com/Tenant';
    const a = await start({
      issuer,
      dataDir: await tempDir(),
      store: { type: 'sqlite', path: shared },
      env: { SIGIL_DATA_PROTECTION_KEY: key },
    });
    const b = await start({
      issuer,
      dataDir: await tempDir(),
      store: { type: 'sqlite', path: shared },
      env: { SIGIL_DATA_PROTECTION_KEY: key },
    });
    try {
      assert.equal(a.sigil.dataProtection.applicationName, 'sigil:https://login.example.com/tenant');
      assert.equal(b.sigil.dataProtection.applicationName, a.sigil.dataProtection.applicationName);
      const text = a.sigil.dataProtection.createProtector('x').protect('across directories');
      assert.equal(b.sigil.dataProtection.createProtector('x').unprotect(text), 'across directories');
      assert.equal(b.sigil.keys.jwksJson(), a.sigil.keys.jwksJson());
    } finally {
      await a.sigil.close();
      await b.sigil.close();
    }
  });

  it('warns at production start-up while applicationName is not set', async () => {
    for (const [over, warns] of [
      [{ production: true }, true],
      [{ env: { NODE_ENV: 'production' } }, true],
      [{ production: true, dataProtection: { applicationName: 'login' } }, false],
      [{}, false],
    ] as const) {
      const { sigil, log } = await start({
        dataDir: await tempDir(),
        dataProtection: { masterKey: masterKey() },
        ...over,
      });
      await sigil.close();
      const warnings = log.entries.filter((e) => e.level === 40).map((e) => String(e.msg));
      assert.equal(
        warnings.some((w) => WARNING.test(w) && w.includes('"sigil:https://login.example.com"')),
        warns,
        `${JSON.stringify(over)}: ${warnings.join(' | ')}`,
      );
    }
  });
});

describe('restarting with other data-protection settings', () => {
  it('refuses to start with another master key, and writes no new key', async () => {
    const dataDir = await tempDir();
    const first = await start({ dataDir, dataProtection: { masterKey: masterKey(), applicationName: 'login' } });
    const stored = await first.sigil.stores.protectionKeys.list('login');
    const signing = await first.sigil.stores.signingKeys.list();
    await first.sigil.close();

    await assert.rejects(
      start({ dataDir, env: { SIGIL_DATA_PROTECTION_KEY: masterKey() }, dataProtection: { applicationName: 'login' } }),
      (e) => {
        assert.ok(e instanceof DataProtectionError, String(e));
        assert.equal(e.code, 'key-unreadable');
        assert.ok(e.message.includes(stored[0]!.id));
        assert.ok(e.message.includes('application "login"'));
        assert.ok(e.message.includes('SIGIL_DATA_PROTECTION_KEY'));
        return true;
      },
    );
    const again = await start({ dataDir, dataProtection: { masterKey: masterKey(), applicationName: 'other' } });
    try {
      assert.equal((await again.sigil.stores.protectionKeys.list('login')).length, stored.length);
      const kidsNow = (await again.sigil.stores.signingKeys.list()).map((k) => k.id);
      for (const k of signing) assert.ok(kidsNow.includes(k.id));
    } finally {
      await again.sigil.close();
    }
  });

  it('refuses to start when the default key file was lost, and says a new one was just created', async () => {
    const dataDir = await tempDir();
    const first = await start({ dataDir });
    await first.sigil.close();
    await unlink(join(dataDir, 'data-protection.key'));
    await assert.rejects(start({ dataDir }), /a new key file .*data-protection\.key, created at this start/);
  });

  it('with dangerouslyIgnoreUnreadableKeys, starts over with new keys and logs why', async () => {
    const dataDir = await tempDir();
    const first = await start({ dataDir, dataProtection: { masterKey: masterKey() } });
    const oldKids = (await first.sigil.stores.signingKeys.list()).map((k) => k.id);
    await first.sigil.close();
    const { sigil, log } = await start({
      dataDir,
      dataProtection: { masterKey: masterKey(), dangerouslyIgnoreUnreadableKeys: true },
    });
    try {
      assert.ok(log.entries.some((e) => e.level === 40 && /dangerouslyIgnoreUnreadableKeys is on/.test(String(e.msg))));
      assert.ok(log.entries.some((e) => e.level === 50 && /Ignored as configured/.test(String(e.msg))));
      assert.ok(!oldKids.includes(sigil.keys.getSigningKey().kid));
    } finally {
      await sigil.close();
    }
  });

  it('logs that the application name probably changed when a new name cannot read the signing keys', async () => {
    const dataDir = await tempDir();
    const key = masterKey();
    const first = await start({ dataDir, issuer: 'https://old.example.com', dataProtection: { masterKey: key } });
    const oldKid = first.sigil.keys.getSigningKey().kid;
    await first.sigil.close();
    const { sigil, log } = await start({
      dataDir,
      issuer: 'https://new.example.com',
      dataProtection: { masterKey: key },
    });
    try {
      const line = log.entries.find((e) => /application name has probably changed/.test(String(e.msg)));
      assert.ok(line, 'the change is explained');
      assert.equal(line.level, 50);
      assert.ok(String(line.msg).includes(oldKid));
      assert.ok(String(line.msg).includes('"sigil:https://new.example.com"'));
    } finally {
      await sigil.close();
    }
  });
});
