import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import * as jose from 'jose';
import { ALGORITHMS, type SigningAlgorithm } from './algorithms.js';
import { decodeJwt } from './decode-jwt.js';
import { JwtError } from './errors.js';
import { createSigningKey, generateSigningKey } from './generate-key.js';
import { signJwt } from './sign-jwt.js';
import { verifyJwtSignature } from './verify-jwt.js';

const algs = Object.keys(ALGORITHMS) as SigningAlgorithm[];

describe('signJwt', () => {
  for (const alg of algs) {
    it(`signs ${alg} tokens that verify here and with jose`, async () => {
      const key = await generateSigningKey(alg, { createdAt: 1000 });
      const payload = { iss: 'https://issuer.example', sub: 'alice', n: 1, nested: { a: [1, 'x'] } };
      const jwt = signJwt(key, payload, { typ: 'at+jwt' });
      assert.equal(verifyJwtSignature(jwt, key.publicKey, alg), true);
      const joseKey = await jose.importJWK(key.publicJwk, alg);
      const { payload: raw, protectedHeader } = await jose.compactVerify(jwt, joseKey);
      assert.deepEqual(JSON.parse(new TextDecoder().decode(raw)), payload);
      assert.deepEqual(protectedHeader, { alg, typ: 'at+jwt', kid: key.kid });
      // A second token reuses the cached header and still verifies.
      const again = signJwt(key, { other: true }, { typ: 'at+jwt' });
      await jose.compactVerify(again, joseKey);
    });
  }

  it('omits typ when none is given and keeps extra header members', async () => {
    const key = await generateSigningKey('ES256');
    assert.deepEqual(decodeJwt(signJwt(key, {})).header, { alg: 'ES256', kid: key.kid });
    const h = decodeJwt(signJwt(key, {}, { typ: 'JWT', x5t: 'abc', alg: 'none', kid: 'evil' })).header;
    assert.deepEqual(h, { typ: 'JWT', x5t: 'abc', alg: 'ES256', kid: key.kid });
  });

  it('verifies tokens signed by jose', async () => {
    const key = await generateSigningKey('PS384');
    const jwt = await new jose.SignJWT({ a: 1 }).setProtectedHeader({ alg: 'PS384' }).sign(key.privateKey);
    assert.equal(verifyJwtSignature(jwt, key.publicKey, 'PS384'), true);
  });
});

describe('verifyJwtSignature', () => {
  it('rejects a tampered payload, a wrong key, a header alg different from the expected one and a mismatched key type', async () => {
    const key = await generateSigningKey('ES256');
    const other = await generateSigningKey('ES256');
    const jwt = signJwt(key, { sub: 'a' });
    const [h, , s] = jwt.split('.');
    const forged = `${h}.${Buffer.from('{"sub":"b"}').toString('base64url')}.${s}`;
    assert.equal(verifyJwtSignature(forged, key.publicKey, 'ES256'), false);
    assert.equal(verifyJwtSignature(jwt, other.publicKey, 'ES256'), false);
    assert.equal(verifyJwtSignature(jwt, key.publicKey, 'ES384'), false);
    const rsa = await generateSigningKey('RS256');
    assert.equal(verifyJwtSignature(signJwt(rsa, {}), key.publicKey, 'RS256'), false);
  });

  it('returns false for malformed tokens and throws a JwtError for unsupported algs', async () => {
    const key = await generateSigningKey('EdDSA');
    assert.equal(verifyJwtSignature('a.b', key.publicKey, 'EdDSA'), false);
    assert.throws(
      () => verifyJwtSignature('a.b.c', key.publicKey, 'none'),
      (e) => e instanceof JwtError && e.code === 'unsupported-alg',
    );
    assert.throws(() => verifyJwtSignature('a.b.c', key.publicKey, 'HS256'), JwtError);
  });

  it('rejects RSA keys shorter than 2048 bits', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    assert.throws(() => createSigningKey(privateKey, { alg: 'RS256', createdAt: 0 }), /cannot sign RS256/);
    const input = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.e30`;
    assert.equal(verifyJwtSignature(`${input}.AAAA`, publicKey, 'RS256'), false);
  });
});

describe('decodeJwt', () => {
  const seg = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('returns header, payload, signing input and signature', () => {
    const d = decodeJwt(`${seg({ alg: 'ES256', kid: 'k' })}.${seg({ a: 1 })}.AQID`);
    assert.deepEqual(d.header, { alg: 'ES256', kid: 'k' });
    assert.deepEqual(d.payload, { a: 1 });
    assert.deepEqual([...d.signature], [1, 2, 3]);
  });

  it('throws only typed JwtErrors for every kind of garbage', () => {
    const bad: unknown[] = [
      undefined,
      42,
      '',
      'abc',
      'a.b',
      'a.b.c.d.e',
      '.e30.',
      `${seg({ alg: 'ES256' })}.${seg([1])}.x`,
      `${seg({ alg: 'ES256' })}.${seg(null)}.x`,
      `${seg({ typ: 'JWT' })}.e30.x`,
      `${seg({ alg: 'ES256', kid: 3 })}.e30.x`,
      `${seg({ alg: 'ES256' })}.e30.x+y`,
      `${seg({ alg: 'ES256' })}.e3=.x`,
      `${Buffer.from('{"alg":').toString('base64url')}.e30.x`,
    ];
    for (const t of bad)
      assert.throws(
        () => decodeJwt(t),
        (e) => e instanceof JwtError && e.code === 'malformed',
        String(t),
      );
  });

  it('rejects tokens over the size limit before parsing', () => {
    assert.throws(
      () => decodeJwt('a'.repeat(101), 100),
      (e) => e instanceof JwtError && e.code === 'too-large',
    );
  });
});
