import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JwkError } from './errors.js';
import { KeyManagementError } from './key-management-error.js';
import type { StaticKeyInput } from './load-static-key.js';

// `validationOnly` is not in the configuration types yet; the key manager reads it from StaticKeyInput.
const validationOnly = (jwk: Record<string, unknown>): StaticKeyInput => ({ jwk, validationOnly: true });

import { fakeClock, instance, jwksKids, newStores, signsFor, testConfig } from './key-manager.case.js';

const ecJwk = (kid: string): Record<string, unknown> => ({
  ...(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' }) as object),
  kid,
});

describe('static keys', () => {
  let dir: string;
  let rsaPath: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sigil-static-'));
    rsaPath = join(dir, 'rsa.pem');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(rsaPath, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('with key management disabled, sign with the first static key per algorithm and leave the store alone', async () => {
    const stores = newStores();
    const config = testConfig({
      enabled: false,
      staticKeys: [{ jwk: ecJwk('ec-1') }, { path: rsaPath, kid: 'rsa-1' }, { jwk: ecJwk('ec-2') }],
    });
    const keys = await instance(stores, fakeClock(), { config });
    assert.equal(keys.getSigningKey().kid, 'ec-1');
    assert.equal(keys.getSigningKey(['RS256']).kid, 'rsa-1');
    assert.equal(keys.getSigningKey(['ES256']).kid, 'ec-1');
    assert.deepEqual(keys.signingAlgorithms(), ['ES256', 'RS256']);
    assert.deepEqual(jwksKids(keys), ['ec-1', 'rsa-1', 'ec-2']);
    assert.ok(keys.findValidationKey('ec-2'));
    assert.ok(signsFor(keys, keys, ['RS256']));
    assert.equal(await keys.refresh(), false);
    assert.deepEqual(await stores.signingKeys.list(), []);
    await assert.rejects(keys.rotate(), (e) => e instanceof KeyManagementError && e.code === 'disabled');
    assert.deepEqual(
      keys.list().map((k) => [k.kid, k.status, k.signing, k.default]),
      [
        ['ec-1', 'static', true, true],
        ['rsa-1', 'static', true, false],
        ['ec-2', 'static', false, false],
      ],
    );
  });

  it('with automatic keys too, publish both, and let static keys take precedence for signing', async () => {
    const stores = newStores();
    const config = testConfig({ signingAlgorithms: ['RS256', 'ES256'], staticKeys: [{ jwk: ecJwk('static-ec') }] });
    const keys = await instance(stores, fakeClock(), { config });
    const stored = await stores.signingKeys.list();
    assert.equal(stored.length, 2);
    assert.deepEqual(jwksKids(keys).sort(), ['static-ec', ...stored.map((k) => k.id)].sort());
    assert.equal(keys.getSigningKey().kid, 'static-ec');
    assert.equal(keys.getSigningKey(['ES256']).kid, 'static-ec');
    assert.equal(keys.getSigningKey(['RS256']).alg, 'RS256');
    assert.deepEqual(keys.signingAlgorithms(), ['ES256', 'RS256']);
  });

  it('publishes a validationOnly static key without signing with it', async () => {
    const config = testConfig({ staticKeys: [validationOnly(ecJwk('old-ec'))] });
    const keys = await instance(newStores(), fakeClock(), { config });
    assert.notEqual(keys.getSigningKey().kid, 'old-ec');
    assert.ok(jwksKids(keys).includes('old-ec'));
    assert.ok(keys.findValidationKey('old-ec'));
  });

  it('fails start-up naming the file when a static key cannot be read', async () => {
    const config = testConfig({ enabled: false, staticKeys: [{ path: join(dir, 'missing.pem') }] });
    await assert.rejects(
      instance(newStores(), fakeClock(), { config }),
      (e) => e instanceof JwkError && e.message.includes('missing.pem'),
    );
  });

  it('fails start-up when key management is disabled and every static key is validation-only', async () => {
    const config = testConfig({ enabled: false, staticKeys: [validationOnly(ecJwk('v'))] });
    await assert.rejects(
      instance(newStores(), fakeClock(), { config }),
      (e) => e instanceof KeyManagementError && e.code === 'no-signing-key' && /disabled/.test(e.message),
    );
  });
});
