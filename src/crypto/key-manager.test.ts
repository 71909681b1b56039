import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ServerError } from '../errors/oauth-error.js';
import { generateSigningKey, serializeSigningKey } from './generate-key.js';
import { KeyManagementError } from './key-management-error.js';
import {
  fakeClock,
  instance,
  jwksKids,
  newStores,
  protectorFor,
  recordingLogger,
  signsFor,
  testConfig,
} from './key-manager.case.js';
import { createKeyManager } from './key-manager.js';

const DEFAULT_ALGS = testConfig({ signingAlgorithms: ['RS256', 'ES256'] });

describe('createKeyManager', () => {
  it('creates one active key per algorithm on an empty store, data-protected at rest, that signs verifiable tokens', async () => {
    const stores = newStores();
    const keys = await instance(stores, fakeClock(), { config: DEFAULT_ALGS });
    const stored = await stores.signingKeys.list();
    assert.deepEqual(stored.map((k) => k.alg).sort(), ['ES256', 'RS256']);
    for (const s of stored) {
      assert.equal(s.dataProtected, true);
      assert.doesNotMatch(s.data, /PRIVATE KEY/);
    }
    assert.equal(keys.getSigningKey().alg, 'RS256');
    assert.equal(keys.getSigningKey(['ES256']).alg, 'ES256');
    assert.deepEqual(keys.signingAlgorithms(), ['RS256', 'ES256']);
    assert.ok(signsFor(keys, keys));
    assert.ok(signsFor(keys, keys, ['ES256']));
    assert.deepEqual(jwksKids(keys).sort(), stored.map((k) => k.id).sort());
    assert.doesNotMatch(keys.jwksJson(), /"d"/);
    assert.deepEqual(
      keys.list().map((k) => [k.alg, k.status, k.signing]),
      [
        ['RS256', 'current', true],
        ['ES256', 'current', true],
      ],
    );
  });

  it('on a second instance loads the same keys, creates none, and serves an identical JWKS', async () => {
    const stores = newStores();
    const clock = fakeClock();
    const a = await instance(stores, clock, { config: DEFAULT_ALGS });
    const b = await instance(stores, clock, { config: DEFAULT_ALGS });
    assert.equal((await stores.signingKeys.list()).length, 2);
    assert.equal(b.jwksJson(), a.jwksJson());
    assert.equal(b.getSigningKey().kid, a.getSigningKey().kid);
    assert.ok(signsFor(a, b) && signsFor(b, a, ['ES256']));
  });

  it('with three instances starting at once creates exactly one key per algorithm', async () => {
    const stores = newStores();
    const clock = fakeClock();
    const protectors = [await protectorFor(stores), await protectorFor(stores), await protectorFor(stores)];
    const all = await Promise.all(
      protectors.map((protector) =>
        createKeyManager({
          config: DEFAULT_ALGS,
          store: stores.signingKeys,
          locks: stores.locks,
          protector,
          now: clock.now,
        }),
      ),
    );
    assert.equal((await stores.signingKeys.list()).length, 2);
    for (const m of all) {
      assert.equal(m.jwksJson(), all[0]!.jwksJson());
      assert.equal(m.getSigningKey(['ES256']).kid, all[0]!.getSigningKey(['ES256']).kid);
    }
  });

  it('picks the first allowed algorithm that has a key, and throws ServerError when none has', async () => {
    const keys = await instance(newStores(), fakeClock(), { config: DEFAULT_ALGS });
    assert.equal(keys.getSigningKey(['PS256', 'ES256', 'RS256']).alg, 'ES256');
    assert.equal(keys.getSigningKey([]).alg, 'RS256');
    assert.equal(keys.getSigningKey(['ES256']), keys.getSigningKey(['ES256']));
    assert.throws(
      () => keys.getSigningKey(['PS256', 'ES384']),
      (e) => e instanceof ServerError && e.error === 'server_error' && /PS256, ES384/.test(e.detail ?? ''),
    );
  });

  it('skips a stored key it cannot decrypt, logs its kid with the fix, and creates a usable key', async () => {
    const stores = newStores();
    const foreign = await generateSigningKey('ES256', { createdAt: 1 });
    const otherApp = await protectorFor(newStores(), 'another-app');
    await stores.signingKeys.add(serializeSigningKey(foreign, otherApp));
    const logger = recordingLogger();
    const keys = await instance(stores, fakeClock(), { logger });
    const error = logger.entries.find((e) => e.level === 'error');
    assert.ok(error, 'an error is logged');
    assert.match(error.msg, new RegExp(foreign.kid));
    assert.match(error.msg, /master key/);
    assert.notEqual(keys.getSigningKey().kid, foreign.kid);
    assert.ok(!jwksKids(keys).includes(foreign.kid));
    assert.deepEqual(
      keys.list().map((k) => [k.kid === foreign.kid, k.status, k.readable]),
      [
        [false, 'current', true],
        [true, 'unreadable', false],
      ],
    );
    await keys.refresh();
    assert.equal(logger.entries.filter((e) => e.level === 'error').length, 1, 'logged once, not on every refresh');
  });

  it('fails start-up with a clear error when no key is readable and none can be created', async () => {
    const stores = newStores();
    const foreign = await generateSigningKey('ES256', { createdAt: 1 });
    await stores.signingKeys.add(serializeSigningKey(foreign, await protectorFor(newStores(), 'another-app')));
    const neverLocks = { withLock: async () => undefined };
    await assert.rejects(
      instance(stores, fakeClock(), { locks: neverLocks, logger: recordingLogger() }),
      (e) =>
        e instanceof KeyManagementError &&
        e.code === 'no-signing-key' &&
        e.message.includes(foreign.kid) &&
        /master key/.test(e.message) &&
        /"signing-keys" lock was not acquired/.test(e.message),
    );
  });

  it('fails start-up when the store cannot be read and there is no static key', async () => {
    const stores = newStores();
    const broken = { ...stores.signingKeys, list: async () => Promise.reject(new Error('connection refused')) };
    await assert.rejects(
      instance(stores, fakeClock(), { store: broken }),
      (e) => e instanceof KeyManagementError && /connection refused/.test(e.message),
    );
  });
});
