import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
import { startTestServer, TEST_ISSUER, type TestServer, webClient } from '../server/test-server.case.js';
import { createIdToken } from './id-token.js';

/** The left half of the hash, computed here independently of Sigil (OIDC Core §3.1.3.6). */
function leftHalf(value: string, hash: 'sha256' | 'sha384' | 'sha512'): string {
  const d = createHash(hash).update(value, 'ascii').digest();
  return d.subarray(0, d.length / 2).toString('base64url');
}

describe('ID tokens', () => {
  let t: TestServer;
  let verify: (token: string, audience: string) => Promise<{ payload: JWTPayload; alg: string; typ?: string }>;
  before(async () => {
    t = await startTestServer([
      webClient('web'),
      webClient('es', { allowedIdentityTokenSigningAlgorithms: ['ES256'], identityTokenLifetime: 120 }),
      webClient('rs', { allowedIdentityTokenSigningAlgorithms: ['PS256', 'RS256'] }),
      webClient('always', { alwaysIncludeUserClaimsInIdToken: true }),
    ]);
    const jwks = createLocalJWKSet(JSON.parse(t.ctx.keys.jwksJson()));
    verify = async (token, audience) => {
      const { payload, protectedHeader } = await jwtVerify(token, jwks, { issuer: TEST_ISSUER, audience });
      return { payload, alg: protectedHeader.alg, typ: protectedHeader.typ };
    };
  });
  after(() => t.close());

  it('carries the protocol claims of the sign-in and verifies against the JWKS', async () => {
    const r = await t.signIn('web', { acr: 'urn:mfa', amr: ['pwd', 'otp'] });
    const { payload, typ } = await verify(String(r.id_token), 'web');
    assert.equal(typ, 'JWT');
    assert.equal(payload.sub, 'alice');
    assert.equal(payload.aud, 'web');
    assert.equal(payload.nonce, 'nonce-1');
    assert.equal(payload.sid, 'session-1');
    assert.equal(payload.auth_time, t.clock.now - 30);
    assert.equal(payload.acr, 'urn:mfa');
    assert.deepEqual(payload.amr, ['pwd', 'otp']);
    assert.equal(payload.idp, 'local');
    assert.equal(payload.iat, t.clock.now);
    assert.equal(payload.exp, t.clock.now + 300);
    assert.equal(payload.azp, undefined);
  });

  it('has the at_hash of the access token issued with it', async () => {
    const r = await t.signIn('web');
    const { payload, alg } = await verify(String(r.id_token), 'web');
    assert.equal(alg, 'RS256', 'the default algorithm');
    assert.equal(payload.at_hash, leftHalf(String(r.access_token), 'sha256'));
  });

  it("signs with the client's first allowed algorithm that has a key, with the client's lifetime", async () => {
    const es = await t.signIn('es');
    const v = await verify(String(es.id_token), 'es');
    assert.equal(v.alg, 'ES256');
    assert.equal(v.payload.exp, Number(v.payload.iat) + 120);
    assert.equal(v.payload.at_hash, leftHalf(String(es.access_token), 'sha256'));
    const rs = await t.signIn('rs');
    assert.equal(decodeProtectedHeader(String(rs.id_token)).alg, 'RS256', 'PS256 has no key, RS256 does');
  });

  it('leaves identity-scope user claims to UserInfo when an access token is issued', async () => {
    const r = await t.signIn('web', { scopes: ['openid', 'profile', 'email'] });
    const { payload } = await verify(String(r.id_token), 'web');
    assert.equal(payload.name, undefined);
    assert.equal(payload.email, undefined);
  });

  it('includes identity-scope user claims for alwaysIncludeUserClaimsInIdToken clients, and never other claims', async () => {
    const r = await t.signIn('always', { scopes: ['openid', 'profile', 'email', 'orders.read'] });
    const { payload } = await verify(String(r.id_token), 'always');
    assert.equal(payload.name, 'Alice');
    assert.equal(payload.email, 'alice@example.com');
    assert.equal(payload.email_verified, true);
    assert.equal(payload.role, undefined, 'an API claim');
  });

  it('includes the claims the claims request asks the ID token for', async () => {
    const r = await t.signIn('web', {
      scopes: ['openid', 'orders.read'],
      claimsRequest: { id_token: { email: { essential: true }, sub: null, iss: null }, userinfo: { name: null } },
    });
    const { payload } = await verify(String(r.id_token), 'web');
    assert.equal(payload.email, 'alice@example.com');
    assert.equal(payload.name, undefined, 'asked for UserInfo, not the ID token');
    assert.equal(payload.iss, TEST_ISSUER, 'protocol claims cannot be requested away');
  });

  it('serves the authorize endpoint: c_hash, s_hash, and user claims when no access token is issued', async () => {
    const client = t.ctx.clients.find('es')!;
    const base = { client, subjectId: 'alice', authTime: t.clock.now, scopes: ['openid', 'email'] };
    const implicit = await createIdToken(t.ctx, { ...base, nonce: 'n' });
    assert.equal(implicit.claims.email, 'alice@example.com', 'response_type=id_token (OIDC Core §5.4)');
    assert.equal(implicit.claims.at_hash, undefined);
    const hybrid = await createIdToken(t.ctx, {
      ...base,
      code: 'the-code',
      state: 'the-state',
      includeUserClaims: false,
    });
    assert.equal(hybrid.claims.c_hash, leftHalf('the-code', 'sha256'));
    assert.equal(hybrid.claims.s_hash, leftHalf('the-state', 'sha256'));
    assert.equal(hybrid.claims.email, undefined);
    assert.equal(hybrid.alg, 'ES256');
    const { payload } = await verify(hybrid.token, 'es');
    assert.equal(payload.c_hash, hybrid.claims.c_hash);
  });
});
