import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isOAuthError } from '../errors/oauth-error.js';
import type { SigilRequest } from '../host/request.js';
import { assertionClaims, signAssertion, testKey } from './assertion.case.js';
import { authenticateClient } from './authenticate-client.js';
import {
  basicHeader,
  createTestContext,
  hashedSecret,
  ISSUER,
  oauthError,
  T0,
  tokenRequest,
} from './test-context.case.js';
import { JWT_BEARER_ASSERTION_TYPE } from './types.js';

// RFC 6749 §2.3, RFC 7523, OIDC Core §9: the entry point, and its contract under hostile input.
const key = testKey('ec', 'k1');
const HMAC = 'hmac-secret-0123456789-0123456789-abc';
const { ctx } = createTestContext({
  clients: [
    { clientId: 'svc', clientSecrets: [{ value: hashedSecret('s3cret') }], allowedGrantTypes: ['client_credentials'] },
    { clientId: 'pk', jwks: { keys: [key.publicJwk] }, allowedGrantTypes: ['client_credentials'] },
    {
      clientId: 'cs',
      tokenEndpointAuthMethod: 'client_secret_jwt',
      clientSecrets: [{ value: HMAC }],
      allowedGrantTypes: ['client_credentials'],
    },
    {
      clientId: 'spa',
      requireClientSecret: false,
      allowedGrantTypes: ['authorization_code'],
      redirectUris: ['https://app.test/cb'],
    },
  ],
});

describe('authenticateClient', () => {
  it('accepts a public client that presents only its client_id', async () => {
    const { req, params } = tokenRequest({ body: { client_id: 'spa' } });
    const r = await authenticateClient(req, params, ctx);
    assert.equal(r.method, 'none');
    assert.equal(r.client.clientId, 'spa');
  });

  it('rejects a public client that presents a secret it does not have', async () => {
    const { req, params } = tokenRequest({ body: { client_id: 'spa', client_secret: 'x' } });
    await oauthError(() => authenticateClient(req, params, ctx), 'invalid_client');
  });

  it('rejects an unknown client that presents only a client_id', async () => {
    const { req, params } = tokenRequest({ body: { client_id: 'ghost' } });
    await oauthError(() => authenticateClient(req, params, ctx), 'invalid_client');
  });

  it('returns the client and the method used', async () => {
    const { req, params } = tokenRequest({ headers: { authorization: basicHeader('svc', 's3cret') } });
    const r = await authenticateClient(req, params, ctx);
    assert.deepEqual([r.client.clientId, r.method], ['svc', 'client_secret_basic']);
  });
});

// Random but plausible pieces, so that many runs get past the first checks.
const ids = fc.oneof(fc.constantFrom('svc', 'pk', 'cs', 'spa', 'ghost', '', '__proto__', 'constructor'), fc.string());
const jsonish = fc.oneof(fc.jsonValue(), fc.constant(undefined), fc.constant(ISSUER), fc.integer());
const jwsHeader = fc.record(
  {
    alg: fc.oneof(fc.constantFrom('ES256', 'RS256', 'HS256', 'none', 'EdDSA', 'constructor', '__proto__'), jsonish),
    kid: fc.oneof(fc.constantFrom('k1', 'toString'), jsonish),
    typ: fc.oneof(fc.constantFrom('JWT', 'dpop+jwt', 'client-authentication+jwt'), jsonish),
    crit: jsonish,
    jwk: jsonish,
  },
  { requiredKeys: [] },
);
const jwsPayload = fc.record(
  { iss: fc.oneof(ids, jsonish), sub: fc.oneof(ids, jsonish), aud: jsonish, exp: jsonish, iat: jsonish, jti: jsonish },
  { requiredKeys: [] },
);
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v) ?? 'null').toString('base64url');
const assertion = fc.oneof(
  fc.string(),
  fc.tuple(jwsHeader, jwsPayload, fc.base64String()).map(([h, p, s]) => `${b64(h)}.${b64(p)}.${s.replace(/=/g, '')}`),
  fc.tuple(jwsHeader, jwsPayload).map(([h, p]) => signAssertion({ key }, { ...assertionClaims('pk'), ...p }, h)),
  fc.tuple(jwsHeader, jwsPayload).map(([h, p]) => signAssertion({ hmac: HMAC }, { ...assertionClaims('cs'), ...p }, h)),
);
const authorization = fc.oneof(
  fc.string(),
  fc.tuple(ids, fc.string()).map(([i, s]) => basicHeader(i, s)),
  fc.string().map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
  fc.constantFrom('Basic', 'Basic ', 'Bearer x', basicHeader('svc', 's3cret')),
  fc.array(fc.string(), { maxLength: 3 }),
);
const pair = fc.oneof(
  fc.tuple(fc.constant('client_id'), ids),
  fc.tuple(fc.constant('client_secret'), fc.oneof(fc.constant('s3cret'), fc.string())),
  fc.tuple(fc.constant('client_assertion_type'), fc.oneof(fc.constant(JWT_BEARER_ASSERTION_TYPE), fc.string())),
  fc.tuple(fc.constant('client_assertion'), assertion),
  fc.tuple(fc.string(), fc.string()),
);
const request = fc.record({
  authorization: fc.option(authorization, { nil: undefined }),
  pairs: fc.array(pair, { maxLength: 6 }),
});

describe('authenticateClient under arbitrary input', () => {
  it('either resolves or throws an OAuthError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ authorization, pairs }) => {
        const body = new URLSearchParams(pairs).toString();
        const { req, params } = tokenRequest({ body });
        const r: SigilRequest =
          authorization === undefined ? req : { ...req, headers: { ...req.headers, authorization } };
        try {
          const result = await authenticateClient(r, params, ctx);
          assert.ok(ctx.clients.find(result.client.clientId));
        } catch (e) {
          if (!isOAuthError(e)) throw e;
          // RFC 9110 §15.5.2: a 401 always carries a challenge, and only Basic failures are 401.
          assert.equal(e.status, e.headers['www-authenticate'] === undefined ? 400 : 401);
          if (e.status === 401) assert.equal(e.error, 'invalid_client');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('only ever authenticates a well-formed request for the client it names', async () => {
    await fc.assert(
      fc.asyncProperty(jwsPayload, async (p) => {
        const claims = { ...assertionClaims('pk'), ...p };
        const { req, params } = tokenRequest({
          body: { client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: signAssertion({ key }, claims) },
        });
        const ok = await authenticateClient(req, params, ctx).then(
          () => true,
          () => false,
        );
        if (ok) {
          assert.equal(claims.iss, 'pk');
          assert.equal(claims.sub, 'pk');
          assert.ok(typeof claims.exp === 'number' && claims.exp >= T0 - 60);
          assert.ok(typeof claims.jti === 'string' && claims.jti.length > 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
