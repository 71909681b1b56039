import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { JwkError } from './errors.js';
import { deserializeSigningKey, generateSigningKey, serializeSigningKey } from './generate-key.js';
import { loadStaticKey } from './load-static-key.js';
import { signJwt } from './sign-jwt.js';
import { keyThumbprint } from './thumbprint.js';
import type { DataProtector } from './types.js';
import { verifyJwtSignature } from './verify-jwt.js';

const reversing: DataProtector = {
  purpose: 'signing-keys',
  protect: (s) => `p:${[...s].reverse().join('')}`,
  unprotect: (s) => [...s.slice(2)].reverse().join(''),
};

describe('generateSigningKey', () => {
  it('creates keys of the right type for each alg with the thumbprint as kid', async () => {
    const cases = [
      ['ES256', 'ec', 'prime256v1'],
      ['ES384', 'ec', 'secp384r1'],
      ['ES512', 'ec', 'secp521r1'],
      ['EdDSA', 'ed25519', undefined],
    ] as const;
    for (const [alg, type, curve] of cases) {
      const key = await generateSigningKey(alg, { createdAt: 5 });
      assert.equal(key.privateKey.asymmetricKeyType, type);
      assert.equal(key.privateKey.asymmetricKeyDetails?.namedCurve, curve);
      assert.equal(key.kid, keyThumbprint(key.publicKey));
      assert.equal(key.publicJwk.kid, key.kid);
      assert.equal(key.publicJwk.alg, alg);
      assert.equal(key.createdAt, 5);
      assert.equal(key.static, false);
    }
  });

  it('honours rsaKeySize and refuses RSA keys under 2048 bits', async () => {
    const key = await generateSigningKey('PS256', { rsaKeySize: 3072 });
    assert.equal(key.privateKey.asymmetricKeyDetails?.modulusLength, 3072);
    await assert.rejects(generateSigningKey('RS256', { rsaKeySize: 1024 }), JwkError);
    await assert.rejects(generateSigningKey('HS256'), (e) => e instanceof JwkError && e.code === 'unsupported-key');
  });
});

describe('serializeSigningKey and deserializeSigningKey', () => {
  it('round-trip a key through a protector and in clear', async () => {
    const key = await generateSigningKey('ES256', { createdAt: 42 });
    for (const protector of [reversing, undefined]) {
      const stored = serializeSigningKey(key, protector);
      assert.equal(stored.dataProtected, protector !== undefined);
      assert.equal(stored.data.includes('PRIVATE KEY'), protector === undefined);
      const back = deserializeSigningKey(stored, protector);
      assert.deepEqual([back.kid, back.alg, back.createdAt], [key.kid, 'ES256', 42]);
      assert.ok(verifyJwtSignature(signJwt(back, { a: 1 }), key.publicKey, 'ES256'));
    }
  });

  it('rejects a stored key whose alg does not fit the key', async () => {
    const key = await generateSigningKey('ES256');
    const stored = { ...serializeSigningKey(key), alg: 'ES384' };
    assert.throws(
      () => deserializeSigningKey(stored),
      (e) => e instanceof JwkError && e.code === 'alg-mismatch',
    );
  });
});

describe('loadStaticKey', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sigil-keys-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads PEM files in PKCS#8, PKCS#1 and SEC1 and infers the alg from the key', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const ed = generateKeyPairSync('ed25519').privateKey;
    const files = [
      ['ec.pem', ec.export({ format: 'pem', type: 'sec1' }), 'ES384'],
      ['rsa.pem', rsa.export({ format: 'pem', type: 'pkcs1' }), 'RS256'],
      ['ed.pem', ed.export({ format: 'pem', type: 'pkcs8' }), 'EdDSA'],
    ] as const;
    for (const [name, pem, alg] of files) {
      await writeFile(join(dir, name), pem);
      const key = await loadStaticKey({ path: join(dir, name) }, 7);
      assert.equal(key.alg, alg);
      assert.equal(key.static, true);
      assert.equal(key.createdAt, 7);
    }
    const ps = await loadStaticKey({ path: join(dir, 'rsa.pem'), alg: 'PS512', kid: 'mine' }, 0);
    assert.deepEqual([ps.alg, ps.kid], ['PS512', 'mine']);
  });

  it('loads JWK files and inline private JWKs, taking alg and kid from the JWK', async () => {
    const jwk = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
    await writeFile(join(dir, 'key.json'), JSON.stringify({ ...jwk, kid: 'from-file' }));
    const fromFile = await loadStaticKey({ path: join(dir, 'key.json') }, 0);
    assert.deepEqual([fromFile.alg, fromFile.kid], ['ES256', 'from-file']);
    const inline = await loadStaticKey({ jwk: { ...jwk, alg: 'ES256' } as Record<string, unknown> }, 0);
    assert.equal(inline.kid, keyThumbprint(inline.publicKey));
  });

  it('names the file and the problem when a key cannot be used', async () => {
    await writeFile(join(dir, 'junk.pem'), 'not a key');
    await assert.rejects(loadStaticKey({ path: join(dir, 'junk.pem') }, 0), /junk\.pem: not a PEM private key/);
    await assert.rejects(loadStaticKey({ path: join(dir, 'missing.pem') }, 0), /missing\.pem: cannot be read/);
    const pub = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' });
    await assert.rejects(loadStaticKey({ jwk: pub as Record<string, unknown> }, 0), /must be a private key/);
    await assert.rejects(loadStaticKey({ path: join(dir, 'ec.pem'), alg: 'ES256' }, 0), /ec\.pem: .*cannot sign ES256/);
    await assert.rejects(loadStaticKey({}, 0), /exactly one/);
  });
});
