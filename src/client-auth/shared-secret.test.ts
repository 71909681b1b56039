import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { authenticateClient } from './authenticate-client.js';
import { checkSharedSecret } from './shared-secret.js';
import { createTestContext, hashedSecret, oauthError, tokenRequest } from './test-context.case.js';

// RFC 6749 §2.3.1 with Duende's TimeConstantComparer: secrets are compared as SHA-256 digests
// with timingSafeEqual. These tests prove it without measuring time.
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const source = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

describe('shared-secret comparison', () => {
  it('accepts a presented secret exactly when its SHA-256 digest equals the stored one, at any length', () => {
    // Only a fixed-size digest is stored; secrets of any length must match exactly when they hash to it.
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 }), (stored, presented) => {
        const reason = checkSharedSecret(presented, [{ hash: sha256(stored) }], 0);
        assert.equal(reason === undefined, presented === stored);
      }),
      { numRuns: 500 },
    );
  });

  it('hashes the presented secret before comparing, so the stored digest is not itself a secret', async () => {
    const { ctx } = createTestContext({
      clients: [
        {
          clientId: 'svc',
          clientSecrets: [{ value: hashedSecret('s3cret') }],
          allowedGrantTypes: ['client_credentials'],
        },
      ],
    });
    const tryWith = (secret: string) => {
      const { req, params } = tokenRequest({ body: { client_id: 'svc', client_secret: secret } });
      return authenticateClient(req, params, ctx);
    };
    await tryWith('s3cret');
    const digest = sha256('s3cret');
    for (const leaked of [hashedSecret('s3cret'), digest.toString('base64'), digest.toString('hex')]) {
      await oauthError(() => tryWith(leaked), 'invalid_client');
    }
    await oauthError(() => tryWith(digest.toString('latin1')), 'invalid_client');
  });

  it('compares every configured secret, whichever one matches', () => {
    const hashes = ['a', 'b', 'c'].map((s) => ({ hash: sha256(s) }));
    for (const s of ['a', 'b', 'c']) assert.equal(checkSharedSecret(s, hashes, 0), undefined);
    assert.equal(checkSharedSecret('d', hashes, 0), 'the secret does not match');
  });

  it('compares digests with timingSafeEqual and nothing else (code inspection)', () => {
    const secrets = source('../crypto/secrets.ts');
    assert.match(secrets, /import \{[^}]*\btimingSafeEqual\b[^}]*\} from 'node:crypto'/);
    assert.match(secrets, /return a\.length === b\.length && timingSafeEqual\(a, b\);/);
    assert.match(secrets, /const digest = hashSecret\(presented\);[\s\S]*digestsEqual\(digest, s\.hash\)/);
    const shared = source('./shared-secret.ts');
    assert.match(shared, /matchesAnySecret\(presented, secrets, now\)/);
    // No other comparison of the presented secret or of digests anywhere in client-auth.
    for (const file of ['./shared-secret.ts', './client-secret-post.ts', './authenticate-api-resource.ts']) {
      const text = source(file);
      assert.doesNotMatch(text, /(clientSecret|presented|\.hash)\s*[!=]==|[!=]==\s*(clientSecret|presented|s\.hash)/);
      assert.doesNotMatch(text, /\.equals\(|Buffer\.compare|localeCompare/);
    }
  });

  it('checks HMAC assertion signatures with timingSafeEqual (code inspection)', () => {
    const verify = source('./verify-signature.ts');
    assert.match(verify, /expected\.length === jws\.signature\.length && timingSafeEqual\(expected, jws\.signature\)/);
  });
});
