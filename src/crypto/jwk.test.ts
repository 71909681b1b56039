import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import * as jose from 'jose';
import { JwkError } from './errors.js';
import { exportPublicJwk, importPublicJwk, privateMembersOf } from './jwk.js';
import { jwkThumbprint, keyThumbprint } from './thumbprint.js';

// RFC 7638 §3.1 example key and thumbprint.
const RFC7638_JWK = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};

describe('jwkThumbprint', () => {
  it('matches the RFC 7638 example', () => {
    assert.equal(jwkThumbprint(RFC7638_JWK), 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it('agrees with jose for EC, OKP and RSA keys and ignores kid, alg, use and private members', async () => {
    for (const [type, opts] of [
      ['ec', { namedCurve: 'P-384' }],
      ['ed25519', {}],
      ['rsa', { modulusLength: 2048 }],
    ] as const) {
      const { privateKey, publicKey } = generateKeyPairSync(type as 'ec', opts as { namedCurve: string });
      const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
      const expected = await jose.calculateJwkThumbprint(jwk as jose.JWK);
      assert.equal(jwkThumbprint(jwk), expected);
      assert.equal(jwkThumbprint({ ...jwk, kid: 'x', alg: 'y', use: 'sig' }), expected);
      assert.equal(jwkThumbprint(privateKey.export({ format: 'jwk' }) as Record<string, unknown>), expected);
      assert.equal(keyThumbprint(privateKey), expected);
      assert.equal(keyThumbprint(publicKey), expected);
    }
  });

  it('throws a JwkError for unknown key types and missing members', () => {
    assert.throws(() => jwkThumbprint({ kty: 'XYZ' }), JwkError);
    assert.throws(() => jwkThumbprint({ kty: 'EC', crv: 'P-256', x: 'a' }), /"y" is missing/);
  });
});

describe('exportPublicJwk', () => {
  it('publishes only public members with kid, alg and use', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = exportPublicJwk(privateKey, 'k1', 'ES256');
    assert.deepEqual(Object.keys(jwk).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    assert.equal(jwk.use, 'sig');
    assert.deepEqual(privateMembersOf(jwk), []);
  });
});

describe('importPublicJwk', () => {
  it('imports RSA, EC and OKP public keys', () => {
    const keys = [
      generateKeyPairSync('ec', { namedCurve: 'P-521' }).publicKey,
      generateKeyPairSync('ed25519').publicKey,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey,
    ];
    for (const publicKey of keys) {
      const jwk = { ...(publicKey.export({ format: 'jwk' }) as object), kid: 'k', use: 'sig' };
      const imported = importPublicJwk(jwk);
      assert.equal(imported.type, 'public');
      assert.ok(imported.equals(publicKey));
    }
  });

  it('refuses private material in a public JWK', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = privateKey.export({ format: 'jwk' });
    assert.throws(
      () => importPublicJwk(jwk),
      (e) => e instanceof JwkError && e.code === 'private-key-material' && /\bd\b/.test(e.message),
    );
    assert.throws(
      () => importPublicJwk({ kty: 'oct', k: 'AAAA' }),
      (e) => e instanceof JwkError && e.code === 'private-key-material',
    );
  });

  it('rejects non-objects, unsupported key types and broken keys with JwkErrors', () => {
    assert.throws(
      () => importPublicJwk('x'),
      (e) => e instanceof JwkError && e.code === 'invalid-key',
    );
    assert.throws(
      () => importPublicJwk([]),
      (e) => e instanceof JwkError && e.code === 'invalid-key',
    );
    assert.throws(
      () => importPublicJwk({ kty: 'foo' }),
      (e) => e instanceof JwkError && e.code === 'unsupported-key',
    );
    assert.throws(
      () => importPublicJwk({ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }),
      (e) => e instanceof JwkError && e.code === 'invalid-key',
    );
  });
});
