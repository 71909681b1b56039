import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createMemoryStores } from '../stores/memory/memory-stores.js';
import { createDataProtection } from './data-protection.js';
import { checkMasterKey, reportUnreadableSigningKeys } from './data-protection-diagnostics.js';
import { DataProtectionError, isUnreadableProtectedData } from './data-protection-error.js';
import type { KeyInfo } from './key-list.js';
import { recordingLogger } from './key-manager.case.js';

async function ringOf(masterKey: Buffer, applicationName = 'app') {
  const stores = createMemoryStores();
  const dp = await createDataProtection({
    store: stores.protectionKeys,
    locks: stores.locks,
    applicationName,
    masterKey,
  });
  return { stores, id: dp.keys()[0]!.id };
}

describe('checkMasterKey', () => {
  it('passes an empty store and a master key that unwraps the stored keys', async () => {
    const master = randomBytes(32);
    const { stores } = await ringOf(master);
    assert.deepEqual(
      await checkMasterKey({ store: createMemoryStores().protectionKeys, applicationName: 'app', masterKey: master }),
      { stored: 0, unreadable: [] },
    );
    assert.deepEqual(
      await checkMasterKey({ store: stores.protectionKeys, applicationName: 'app', masterKey: master }),
      {
        stored: 1,
        unreadable: [],
      },
    );
  });

  it('refuses a master key that unwraps none of them, naming the keys, the application, the source and the fix', async () => {
    const { stores, id } = await ringOf(randomBytes(32));
    await assert.rejects(
      checkMasterKey({
        store: stores.protectionKeys,
        applicationName: 'app',
        masterKey: randomBytes(32),
        source: 'env',
      }),
      (e) => {
        assert.ok(e instanceof DataProtectionError);
        assert.equal(e.code, 'key-unreadable');
        assert.equal(e.keyId, id);
        assert.equal(e.applicationName, 'app');
        assert.ok(e.message.includes(id));
        assert.ok(e.message.includes('application "app"'));
        assert.ok(e.message.includes('the environment variable SIGIL_DATA_PROTECTION_KEY'));
        assert.match(e.message, /Start every instance with the original master key/);
        assert.match(e.message, /dangerouslyIgnoreUnreadableKeys/);
        assert.equal(isUnreadableProtectedData(e), false, 'a start-up failure is not a user-facing data error');
        return true;
      },
    );
  });

  it('says when the key file was just created because it was missing', async () => {
    const { stores } = await ringOf(randomBytes(32));
    await assert.rejects(
      checkMasterKey({
        store: stores.protectionKeys,
        applicationName: 'app',
        masterKey: randomBytes(32),
        source: 'created',
        path: '/srv/sigil/data-protection.key',
      }),
      /a new key file \/srv\/sigil\/data-protection\.key, created at this start because none was found/,
    );
  });

  it('only logs when told to ignore unreadable keys', async () => {
    const { stores, id } = await ringOf(randomBytes(32));
    const logger = recordingLogger();
    const r = await checkMasterKey({
      store: stores.protectionKeys,
      applicationName: 'app',
      masterKey: randomBytes(32),
      ignoreUnreadable: true,
      logger,
    });
    assert.deepEqual(r, { stored: 1, unreadable: [id] });
    assert.equal(logger.entries.length, 1);
    assert.equal(logger.entries[0]!.level, 'error');
    assert.match(logger.entries[0]!.msg, /Ignored as configured/);
  });

  it('accepts a ring where only some keys are unreadable (one instance once ran with a wrong key)', async () => {
    const master = randomBytes(32);
    const { stores, id } = await ringOf(master);
    const other = await ringOf(randomBytes(32));
    const foreign = (await other.stores.protectionKeys.list('app'))[0]!;
    await stores.protectionKeys.add(foreign);
    const r = await checkMasterKey({ store: stores.protectionKeys, applicationName: 'app', masterKey: master });
    assert.deepEqual(r, { stored: 2, unreadable: [foreign.id] });
    assert.notEqual(foreign.id, id);
  });
});

describe('reportUnreadableSigningKeys', () => {
  const key = (kid: string, status: KeyInfo['status']): KeyInfo => ({
    kid,
    alg: 'ES256',
    createdAt: 0,
    status,
    readable: status !== 'unreadable',
    signing: false,
    default: false,
  });

  it('explains a changed application name when a new ring cannot read the stored signing keys', () => {
    const logger = recordingLogger();
    reportUnreadableSigningKeys([key('old-1', 'unreadable'), key('new', 'current')], 'sigil:https://new', true, logger);
    assert.equal(logger.entries.length, 1);
    const msg = logger.entries[0]!.msg;
    assert.ok(msg.includes('old-1'));
    assert.ok(msg.includes('"sigil:https://new"'));
    assert.match(msg, /application name has probably changed \(by default it is derived from the issuer\)/);
    assert.match(msg, /Set dataProtection\.applicationName to the name used before/);
  });

  it('stays quiet for an existing ring (the key reader already logged each key) or when all keys read', () => {
    const logger = recordingLogger();
    reportUnreadableSigningKeys([key('old-1', 'unreadable')], 'app', false, logger);
    reportUnreadableSigningKeys([key('k', 'current')], 'app', true, logger);
    assert.equal(logger.entries.length, 0);
  });
});
