import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer, webClient } from '../server/test-server.case.js';
import { withCors } from './cors.js';
import { json } from './result.js';

const SPA = 'https://spa.example';
const OTHER = 'https://other.example';
const EVIL = 'https://evil.example';

describe('CORS for browser clients', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer(
      [
        {
          clientId: 'spa',
          requireClientSecret: false,
          tokenEndpointAuthMethod: 'none',
          allowedGrantTypes: ['authorization_code'],
          redirectUris: ['https://spa.example/cb'],
          allowedScopes: ['openid', 'profile'],
          allowedCorsOrigins: [SPA],
        },
        webClient('disabled', { enabled: false, allowedCorsOrigins: [EVIL] }),
      ],
      { configurationStore: { enabled: true } },
    );
  });
  after(() => t.close());

  const preflight = (path: string, origin: string, headers: Record<string, string> = {}) =>
    t.request('OPTIONS', path, {
      headers: { origin, 'access-control-request-method': 'POST', ...headers },
    });

  it('answers a preflight of the token endpoint from an allowed origin with the allowances', async () => {
    const r = await preflight('/connect/token', SPA, { 'access-control-request-headers': 'content-type,dpop' });
    assert.equal(r.status, 204);
    assert.equal(r.headers.get('access-control-allow-origin'), SPA);
    assert.equal(r.headers.get('access-control-allow-methods'), 'POST');
    assert.equal(r.headers.get('access-control-allow-headers'), 'content-type,dpop');
    assert.equal(r.headers.get('access-control-max-age'), '600');
    assert.match(r.headers.get('vary') ?? '', /Origin/);
    assert.equal(r.headers.get('access-control-allow-credentials'), null);
  });

  it('allows the default request headers when a preflight names none, or names them malformed', async () => {
    const cases: Record<string, string>[] = [{}, { 'access-control-request-headers': 'content-type, x y' }];
    for (const extra of cases) {
      const r = await preflight('/connect/token', SPA, extra);
      assert.equal(r.headers.get('access-control-allow-headers'), 'Authorization, Content-Type, DPoP');
    }
  });

  it('answers a preflight from an origin no enabled client allows without any allowance', async () => {
    for (const origin of [EVIL, OTHER, 'null', `${SPA}/`, SPA.toUpperCase()]) {
      const r = await preflight('/connect/token', origin);
      assert.equal(r.status, 204, origin);
      assert.equal(r.headers.get('access-control-allow-origin'), null, origin);
      assert.equal(r.headers.get('access-control-allow-methods'), null, origin);
      assert.equal(r.headers.get('allow'), 'POST, OPTIONS');
    }
  });

  it('lets an allowed origin read token responses, errors included', async () => {
    const r = await t.request('POST', '/connect/token', {
      form: { client_id: 'spa', grant_type: 'authorization_code', code: 'unknown', code_verifier: 'x'.repeat(43) },
      headers: { origin: SPA },
    });
    assert.equal(r.status, 400);
    assert.equal(r.body.error, 'invalid_grant');
    assert.equal(r.headers.get('access-control-allow-origin'), SPA);
    assert.equal(r.headers.get('access-control-expose-headers'), 'DPoP-Nonce');
    assert.equal(r.headers.get('vary'), 'Origin');
    assert.equal(r.headers.get('cache-control'), 'no-store');

    const unknownClient = await t.request('POST', '/connect/token', {
      form: { client_id: 'nobody', grant_type: 'authorization_code', code: 'x' },
      headers: { origin: SPA },
    });
    assert.equal(unknownClient.body.error, 'invalid_client');
    assert.equal(unknownClient.headers.get('access-control-allow-origin'), SPA);
  });

  it('adds nothing for another origin, and nothing at all without an Origin header', async () => {
    const form = { client_id: 'spa', grant_type: 'authorization_code', code: 'unknown' };
    const evil = await t.request('POST', '/connect/token', { form, headers: { origin: EVIL } });
    assert.equal(evil.headers.get('access-control-allow-origin'), null, 'a disabled client allows nothing');
    assert.equal(evil.headers.get('access-control-expose-headers'), null);
    assert.equal(evil.headers.get('vary'), 'Origin');
    const none = await t.request('POST', '/connect/token', { form });
    assert.equal(none.headers.get('access-control-allow-origin'), null);
    assert.equal(none.headers.get('vary'), null);
  });

  it('hands the result through untouched when the request has no Origin header', async () => {
    const result = json(200, { ok: true });
    const req = { method: 'POST', path: '/connect/token', search: '', headers: {} };
    const out = await withCors({ methods: ['POST'] }, req, t.ctx, async () => result);
    assert.equal(out, result);
  });

  it('lets an allowed origin call the revocation endpoint, but not introspection', async () => {
    const pre = await preflight('/connect/revocation', SPA);
    assert.equal(pre.headers.get('access-control-allow-origin'), SPA);
    assert.equal(pre.headers.get('access-control-allow-methods'), 'POST');
    const revoked = await t.request('POST', '/connect/revocation', {
      form: { client_id: 'spa', token: 'unknown-token' },
      headers: { origin: SPA },
    });
    assert.equal(revoked.status, 200);
    assert.equal(revoked.headers.get('access-control-allow-origin'), SPA);

    const introspect = await preflight('/connect/introspect', SPA);
    assert.equal(introspect.headers.get('access-control-allow-origin'), null);
    const introspected = await t.request('POST', '/connect/introspect', {
      form: { token: 'x' },
      headers: { origin: SPA },
    });
    assert.equal(introspected.headers.get('access-control-allow-origin'), null);
  });

  it('follows configuration changes: an origin is allowed once a stored client lists it, and no longer after', async () => {
    const before = await preflight('/connect/token', OTHER);
    assert.equal(before.headers.get('access-control-allow-origin'), null);
    await t.sigil.configuration.saveClient({
      clientId: 'other-spa',
      requireClientSecret: false,
      allowedGrantTypes: ['authorization_code'],
      redirectUris: ['https://other.example/cb'],
      allowedScopes: ['openid'],
      allowedCorsOrigins: [OTHER],
    });
    const allowed = await preflight('/connect/token', OTHER);
    assert.equal(allowed.headers.get('access-control-allow-origin'), OTHER);
    await t.sigil.configuration.removeClient('other-spa');
    const removed = await preflight('/connect/token', OTHER);
    assert.equal(removed.headers.get('access-control-allow-origin'), null);
  });
});
