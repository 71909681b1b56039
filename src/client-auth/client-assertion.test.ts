import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerContext } from '../context.js';
import { assertionBody, assertionClaims, type Signer, signAssertion, testKey } from './assertion.case.js';
import { authenticateClient } from './authenticate-client.js';
import { createTestContext, ISSUER, oauthError, T0, tokenRequest } from './test-context.case.js';

// RFC 7523 §3, OIDC Core §9: private_key_jwt and client_secret_jwt.
const rsa = testKey('rsa', 'rsa-1');
const ec = testKey('ec', 'ec-1');
const ed = testKey('ed25519', 'ed-1');
const stranger = testKey('rsa', 'rsa-1'); // same kid, different key
const HMAC = 'an-hmac-secret-that-is-long-enough-for-hs512!!';

const { ctx, clock } = createTestContext({
  clients: [
    {
      clientId: 'pk',
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: { keys: [rsa.publicJwk, ec.publicJwk, ed.publicJwk] },
      allowedGrantTypes: ['client_credentials'],
    },
    { clientId: 'auto', jwks: { keys: [ec.publicJwk] }, allowedGrantTypes: ['client_credentials'] },
    {
      clientId: 'cs',
      tokenEndpointAuthMethod: 'client_secret_jwt',
      clientSecrets: [{ value: HMAC }, { value: 'an-expired-hmac-secret-value', expiration: T0 - 1 }],
      allowedGrantTypes: ['client_credentials'],
    },
    {
      clientId: 'off',
      enabled: false,
      jwks: { keys: [rsa.publicJwk] },
      allowedGrantTypes: ['client_credentials'],
    },
  ],
});

function send(assertion: string, extra: Record<string, string> = {}, c: ServerContext = ctx) {
  const { req, params } = tokenRequest({ body: assertionBody(assertion, extra) });
  return authenticateClient(req, params, c);
}
const pk = (
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = {},
  signer: Signer = { key: rsa },
) => signAssertion(signer, assertionClaims('pk', claims), header);
async function rejected(assertion: string, detail: RegExp, extra?: Record<string, string>): Promise<void> {
  const e = await oauthError(() => send(assertion, extra), 'invalid_client');
  assert.equal(e.status, 400);
  assert.equal(e.headers['www-authenticate'], undefined);
  assert.match(e.detail ?? '', detail);
}

describe('private_key_jwt', () => {
  for (const key of [rsa, ec, ed]) {
    it(`authenticates an assertion signed with the client's ${key.alg} key`, async () => {
      const r = await send(pk({}, {}, { key }));
      assert.equal(r.client.clientId, 'pk');
      assert.equal(r.method, 'private_key_jwt');
    });
  }

  it('authenticates a PS256 assertion made with the RSA key', async () => {
    assert.equal((await send(pk({}, {}, { key: rsa, alg: 'PS256' }))).method, 'private_key_jwt');
  });

  it('accepts private_key_jwt for a client that only has keys and no configured method', async () => {
    const r = await send(signAssertion({ key: ec }, assertionClaims('auto')));
    assert.equal(r.method, 'private_key_jwt');
  });

  it('accepts a body client_id equal to iss and rejects one that differs', async () => {
    assert.equal((await send(pk(), { client_id: 'pk' })).client.clientId, 'pk');
    await rejected(pk(), /differs from assertion "iss"/, { client_id: 'auto' });
  });

  it('rejects an assertion whose sub is not the client_id', async () => {
    await rejected(pk({ sub: 'someone' }), /"sub" is not the client_id/);
    await rejected(pk({ sub: undefined }), /"sub" is not the client_id/);
  });

  it('rejects an assertion whose iss is missing or not a string', async () => {
    await rejected(pk({ iss: undefined }), /"iss" is not a non-empty string/);
    await rejected(pk({ iss: 42 }), /"iss" is not a non-empty string/);
  });

  it('rejects an iss longer than the client_id limit without echoing it into the detail', async () => {
    const iss = 'i'.repeat(101);
    const e = await oauthError(() => send(signAssertion({ key: rsa }, assertionClaims(iss))), 'invalid_client');
    assert.match(e.detail ?? '', /"iss" is longer than 100 characters/);
    assert.ok(!(e.detail ?? '').includes(iss));
  });

  it('rejects an assertion whose iss names another client', async () => {
    await rejected(signAssertion({ key: rsa }, assertionClaims('pk', { iss: 'auto' })), /"sub" is not the client_id/);
  });

  it('rejects assertions of unknown and disabled clients alike', async () => {
    await rejected(signAssertion({ key: rsa }, assertionClaims('nobody')), /unknown client/);
    await rejected(signAssertion({ key: rsa }, assertionClaims('off')), /disabled/);
  });

  it('rejects an unsupported client_assertion_type', async () => {
    await rejected(pk(), /unsupported "client_assertion_type"/, {
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer',
    });
  });

  it('rejects alg none, whatever its spelling', async () => {
    await rejected(signAssertion({ none: true }, assertionClaims('pk')), /no signature/);
    const fakeSig = (a: string) => `${a.slice(0, a.lastIndexOf('.'))}.c2ln`;
    await rejected(fakeSig(signAssertion({ none: true }, assertionClaims('pk'))), /alg "none"/);
    await rejected(fakeSig(signAssertion({ none: true }, assertionClaims('pk'), { alg: 'NONE' })), /alg "NONE"/);
  });

  it('rejects HS256 for a private_key_jwt client, even keyed with its public key', async () => {
    const pem = rsa.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    await rejected(signAssertion({ hmac: 'anything' }, assertionClaims('pk')), /may not use client_secret_jwt/);
    await rejected(signAssertion({ hmac: pem }, assertionClaims('pk')), /may not use client_secret_jwt/);
    await rejected(signAssertion({ hmac: 'x' }, assertionClaims('auto')), /may not use client_secret_jwt/);
  });

  it('rejects a signature made by another key with the same kid', async () => {
    await rejected(pk({}, {}, { key: stranger }), /does not verify/);
  });

  it('rejects a kid the client does not have', async () => {
    await rejected(pk({}, { kid: 'unknown' }), /no key of the client fits/);
  });

  it('rejects an alg that does not fit the key', async () => {
    await rejected(pk({}, { kid: 'ec-1' }, { key: ec, alg: 'ES384' }), /does not verify|no key/);
    await rejected(pk({}, { kid: 'rsa-1', alg: 'ES256' }), /does not verify/);
  });

  it('never uses a key embedded in the header', async () => {
    const attacker = testKey('ec', 'ec-1');
    await rejected(pk({}, { jwk: attacker.publicJwk }, { key: attacker }), /does not verify/);
  });

  it('skips malformed JWKs of a client that did not come through configuration validation', async () => {
    const base = ctx.clients.find('pk')!;
    const keys = [null, 'abc', 7, [], rsa.publicJwk] as unknown as Record<string, unknown>[];
    const odd = { ...base, jwks: { keys } };
    const c: ServerContext = { ...ctx, clients: { find: (id) => (id === 'pk' ? odd : undefined) } };
    assert.equal((await send(pk(), {}, c)).client.clientId, 'pk');
    const e = await oauthError(() => send(pk({}, { kid: 'nope' }), {}, c), 'invalid_client');
    assert.match(e.detail ?? '', /no key of the client fits/);
  });

  it('rejects a tampered payload', async () => {
    const [h, , s] = pk().split('.');
    const forged = Buffer.from(JSON.stringify(assertionClaims('pk', { exp: T0 + 61 }))).toString('base64url');
    await rejected(`${h}.${forged}.${s}`, /does not verify/);
  });

  it('rejects a JWE (five parts)', async () => {
    await rejected('eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d', /three dot-separated parts/);
  });

  it('rejects a header with "crit"', async () => {
    await rejected(pk({}, { crit: ['exp'] }), /"crit"/);
    await rejected(pk({}, { crit: [] }), /"crit"/);
  });

  it('rejects garbage that is not a JWS', async () => {
    await rejected('not-a-jwt', /three dot-separated parts/);
    await rejected('e30.e30.', /no "alg"/);
    await rejected('W10.e30.c2ln', /not a JSON object/);
  });
});

describe('assertion claims', () => {
  it('requires exp', async () => {
    await rejected(pk({ exp: undefined }), /"exp" is missing/);
    await rejected(pk({ exp: String(T0 + 60) }), /"exp" is not a number/);
  });

  it('rejects an expired assertion beyond the clock skew and accepts one within it', async () => {
    await rejected(pk({ iat: T0 - 120, exp: T0 - 61 }), /is in the past/);
    assert.equal((await send(pk({ iat: T0 - 120, exp: T0 - 60 }))).client.clientId, 'pk');
  });

  it('bounds the lifetime by maxClientAssertionLifetime', async () => {
    assert.equal((await send(pk({ exp: T0 + 300 }))).client.clientId, 'pk');
    await rejected(pk({ exp: T0 + 301 }), /lifetime 301 s exceeds 300 s/);
    await rejected(pk({ iat: undefined, exp: T0 + 301 }), /exceeds 300 s/);
    await rejected(pk({ exp: Number.MAX_SAFE_INTEGER }), /exceeds/);
  });

  it('applies a configured maxClientAssertionLifetime', async () => {
    const { ctx: c } = createTestContext({
      maxClientAssertionLifetime: 30,
      clients: [{ clientId: 'pk', jwks: { keys: [rsa.publicJwk] }, allowedGrantTypes: ['client_credentials'] }],
    });
    await send(pk({ exp: T0 + 30 }), {}, c);
    await oauthError(() => send(pk({ exp: T0 + 31 }), {}, c), 'invalid_client');
  });

  // FAPI 2.0 §5.3.2.1: accept iat/nbf up to 10 s in the future, reject beyond 60 s.
  for (const claim of ['iat', 'nbf']) {
    it(`accepts ${claim} 10 s and 60 s in the future and rejects 61 s`, async () => {
      await send(pk({ [claim]: T0 + 10, exp: T0 + 100 }));
      await send(pk({ [claim]: T0 + 60, exp: T0 + 100 }));
      await rejected(pk({ [claim]: T0 + 61, exp: T0 + 100 }), new RegExp(`"${claim}" \\d+ is in the future`));
      await rejected(pk({ [claim]: T0 + 3600, exp: T0 + 3700 }), /in the future/);
    });

    it(`rejects a ${claim} that is not a number`, async () => {
      await rejected(pk({ [claim]: 'soon' }), new RegExp(`"${claim}" is not a number`));
    });
  }

  it('uses the configured clockSkew as the future bound and the expiry tolerance', async () => {
    const { ctx: c } = createTestContext({
      clockSkew: 10,
      clients: [{ clientId: 'pk', jwks: { keys: [rsa.publicJwk] }, allowedGrantTypes: ['client_credentials'] }],
    });
    await send(pk({ iat: T0 + 10, exp: T0 + 100 }), {}, c);
    await oauthError(() => send(pk({ iat: T0 + 11, exp: T0 + 100 }), {}, c), 'invalid_client');
    await oauthError(() => send(pk({ nbf: T0 + 11 }), {}, c), 'invalid_client');
    await send(pk({ iat: T0 - 100, exp: T0 - 10 }), {}, c);
    await oauthError(() => send(pk({ iat: T0 - 100, exp: T0 - 11 }), {}, c), 'invalid_client');
  });

  it('requires a non-empty string jti of at most 256 characters', async () => {
    await rejected(pk({ jti: undefined }), /"jti" is missing/);
    await rejected(pk({ jti: '' }), /not a non-empty string/);
    await rejected(pk({ jti: 7 }), /not a non-empty string/);
    await rejected(pk({ jti: 'j'.repeat(257) }), /longer than 256/);
    await send(pk({ jti: 'j'.repeat(256) }));
  });
});

describe('assertion replay', () => {
  it('rejects the same assertion presented twice', async () => {
    const a = pk();
    await send(a);
    await rejected(a, /already used/);
  });

  it('rejects a new assertion that reuses a jti', async () => {
    await send(pk({ jti: 'reused-jti' }));
    await rejected(pk({ jti: 'reused-jti', exp: T0 + 61 }), /already used/);
  });

  it('keys the jti per client, so two clients may use the same jti', async () => {
    await send(pk({ jti: 'shared-jti' }));
    await send(signAssertion({ key: ec }, assertionClaims('auto', { jti: 'shared-jti' })));
  });

  it('keeps replay keys of clients whose ids contain ":" apart', async () => {
    const { ctx: c } = createTestContext({
      clients: ['a', 'a:b'].map((clientId) => ({
        clientId,
        jwks: { keys: [ec.publicJwk] },
        allowedGrantTypes: ['client_credentials'],
      })),
    });
    // Client "a" with jti "b:x" and client "a:b" with jti "x" must not share one replay entry.
    await send(signAssertion({ key: ec }, assertionClaims('a', { jti: 'b:x' })), {}, c);
    const r = await send(signAssertion({ key: ec }, assertionClaims('a:b', { jti: 'x' })), {}, c);
    assert.equal(r.client.clientId, 'a:b');
  });

  it('does not burn a jti when the signature is wrong', async () => {
    await rejected(pk({ jti: 'victim-jti' }, {}, { key: stranger }), /does not verify/);
    await send(pk({ jti: 'victim-jti' }));
  });

  it('lets exactly one of 20 concurrent requests with the same assertion through', async () => {
    const a = pk();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => send(a)));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) if (r.status === 'rejected') assert.equal(r.reason.error, 'invalid_client');
  });

  it('fails closed with temporarily_unavailable when the replay cache is down', async () => {
    const down: ServerContext = {
      ...ctx,
      stores: {
        ...ctx.stores,
        replay: {
          add: async () => {
            throw new Error('connection refused');
          },
          removeExpired: async () => 0,
        },
      },
    };
    const e = await oauthError(() => send(pk(), {}, down), 'temporarily_unavailable');
    assert.equal(e.status, 503);
  });

  it('remembers a jti at least until the assertion can no longer be accepted', async () => {
    const a = pk({ exp: T0 + 5 });
    await send(a);
    clock.now = T0 + 5 + 60; // the last second at which exp is still within the skew
    try {
      await rejected(a, /already used/);
    } finally {
      clock.now = T0;
    }
  });
});

describe('client_secret_jwt', () => {
  for (const alg of ['HS256', 'HS384', 'HS512']) {
    it(`authenticates an ${alg} assertion keyed with the client's secret`, async () => {
      const r = await send(signAssertion({ hmac: HMAC, alg }, assertionClaims('cs')));
      assert.equal(r.method, 'client_secret_jwt');
    });
  }

  it('rejects an HMAC made with another secret', async () => {
    await rejected(signAssertion({ hmac: `${HMAC}x` }, assertionClaims('cs')), /does not verify/);
  });

  it('rejects an HMAC made with an expired secret', async () => {
    await rejected(signAssertion({ hmac: 'an-expired-hmac-secret-value' }, assertionClaims('cs')), /expired/);
  });

  it('rejects an asymmetric assertion for a client_secret_jwt client', async () => {
    await rejected(signAssertion({ key: rsa }, assertionClaims('cs')), /may not use private_key_jwt/);
  });

  it('applies the same audience and typ rules as private_key_jwt', async () => {
    const hs = (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
      signAssertion({ hmac: HMAC }, assertionClaims('cs', claims), header);
    await send(hs({ aud: `${ISSUER}/connect/token` }));
    await rejected(hs({ aud: `${ISSUER}/connect/token` }, { typ: 'client-authentication+jwt' }), /strict audience/);
    await rejected(hs({}, { typ: 'at+jwt' }), /foreign typ/);
    await rejected(hs({ aud: 'https://other.test' }), /"aud"/);
  });

  it('rejects a replayed client_secret_jwt assertion', async () => {
    const a = signAssertion({ hmac: HMAC }, assertionClaims('cs'));
    await send(a);
    await rejected(a, /already used/);
  });
});
