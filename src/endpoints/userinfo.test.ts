import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SECRET, startTestServer, type TestServer, webClient } from '../server/test-server.case.js';

describe('the UserInfo endpoint', () => {
  let t: TestServer;
  let jwt: string;
  let reference: string;
  before(async () => {
    t = await startTestServer([
      webClient('web', { allowedCorsOrigins: ['https://web.example'] }),
      webClient('ref', { accessTokenType: 'reference' }),
      {
        clientId: 'machine',
        clientSecrets: [{ value: SECRET }],
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read'],
      },
    ]);
    const scopes = ['openid', 'profile', 'email', 'orders.read'];
    jwt = String((await t.signIn('web', { scopes })).access_token);
    reference = String((await t.signIn('ref', { scopes })).access_token);
  });
  after(() => t.close());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('returns sub and the claims of the granted identity scopes for a JWT and a reference token', async () => {
    for (const token of [jwt, reference]) {
      const r = await t.request('GET', '/connect/userinfo', { headers: bearer(token) });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { sub: 'alice', name: 'Alice', email: 'alice@example.com', email_verified: true });
      assert.equal(r.headers.get('cache-control'), 'no-store');
      assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
    }
  });

  it('accepts the token in a form-encoded POST body', async () => {
    const r = await t.request('POST', '/connect/userinfo', { form: { access_token: jwt } });
    assert.equal(r.status, 200);
    assert.equal(r.body.sub, 'alice');
    const header = await t.request('POST', '/connect/userinfo', { headers: bearer(jwt) });
    assert.equal(header.status, 200);
  });

  it('answers 400 invalid_request when the token comes in the header and the body', async () => {
    const r = await t.request('POST', '/connect/userinfo', { headers: bearer(jwt), form: { access_token: jwt } });
    assert.equal(r.status, 400);
    assert.equal(r.body.error, 'invalid_request');
    assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_request", error_description="/);
  });

  it('ignores a token in the query string and answers with a bare Bearer challenge', async () => {
    const r = await t.request('GET', `/connect/userinfo?access_token=${jwt}`);
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('www-authenticate'), 'Bearer');
    assert.deepEqual(r.body, {});
    const none = await t.request('POST', '/connect/userinfo', { form: {} });
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
  });

  it('answers 401 invalid_token with an RFC 6750 challenge for a bad, expired or revoked token', async () => {
    const tampered = `${jwt.slice(0, -4)}AAAA`;
    const r = await t.request('GET', '/connect/userinfo', { headers: bearer(tampered) });
    assert.equal(r.status, 401);
    assert.equal(r.body.error, 'invalid_token');
    assert.equal(
      r.headers.get('www-authenticate'),
      'Bearer error="invalid_token", error_description="the access token is invalid, expired or revoked"',
    );
    const revoked = String((await t.signIn('ref')).access_token);
    await t.request('POST', '/connect/revocation', {
      form: { token: revoked, client_id: 'ref', client_secret: SECRET },
    });
    assert.equal((await t.request('GET', '/connect/userinfo', { headers: bearer(revoked) })).status, 401);
    t.clock.now += 3600;
    try {
      assert.equal((await t.request('GET', '/connect/userinfo', { headers: bearer(jwt) })).status, 401);
    } finally {
      t.clock.now -= 3600;
    }
  });

  it('answers 403 insufficient_scope for a token without openid', async () => {
    const noOpenid = String((await t.signIn('web', { scopes: ['orders.read'] })).access_token);
    const machine = await t.request('POST', '/connect/token', {
      form: { grant_type: 'client_credentials', client_id: 'machine', client_secret: SECRET },
    });
    for (const token of [noOpenid, String(machine.body.access_token)]) {
      const r = await t.request('GET', '/connect/userinfo', { headers: bearer(token) });
      assert.equal(r.status, 403);
      assert.equal(r.body.error, 'insufficient_scope');
      assert.match(r.headers.get('www-authenticate') ?? '', /^Bearer error="insufficient_scope", .*scope="openid"$/);
    }
  });

  it('answers 401 when the user is no longer active', async () => {
    t.users.get('alice')!.active = false;
    try {
      const r = await t.request('GET', '/connect/userinfo', { headers: bearer(jwt) });
      assert.equal(r.status, 401);
      assert.equal(r.body.error, 'invalid_token');
    } finally {
      t.users.get('alice')!.active = true;
    }
  });

  it('rejects malformed and repeated credentials, and other methods', async () => {
    const malformed = await t.request('GET', '/connect/userinfo', { headers: { authorization: 'Bearer a b' } });
    assert.equal(malformed.status, 400);
    const empty = await t.request('GET', '/connect/userinfo', { headers: { authorization: 'Bearer' } });
    assert.equal(empty.status, 400);
    const basic = await t.request('GET', '/connect/userinfo', { headers: { authorization: 'Basic eDp5' } });
    assert.equal(basic.status, 401);
    assert.equal(basic.headers.get('www-authenticate'), 'Bearer');
    const scheme = await t.request('GET', '/connect/userinfo', { headers: { authorization: `bearer ${jwt}` } });
    assert.equal(scheme.status, 200, 'the scheme is case-insensitive');
    const repeated = await t.request('POST', '/connect/userinfo', { form: { access_token: [jwt, jwt] } });
    assert.equal(repeated.status, 400);
    const put = await t.request('PUT', '/connect/userinfo', { headers: bearer(jwt) });
    assert.equal(put.status, 405);
  });

  it('returns the claims a claims request asked UserInfo for', async () => {
    const token = String(
      (await t.signIn('web', { scopes: ['openid'], claimsRequest: { userinfo: { email: null, sub: null } } }))
        .access_token,
    );
    const r = await t.request('GET', '/connect/userinfo', { headers: bearer(token) });
    assert.deepEqual(r.body, { sub: 'alice', email: 'alice@example.com' });
  });

  it('allows the CORS origins of clients, and only those', async () => {
    const ok = await t.request('GET', '/connect/userinfo', {
      headers: { ...bearer(jwt), origin: 'https://web.example' },
    });
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://web.example');
    const denied = await t.request('GET', '/connect/userinfo', {
      headers: { ...bearer(jwt), origin: 'https://evil.example' },
    });
    assert.equal(denied.headers.get('access-control-allow-origin'), null);
    const challenge = await t.request('GET', '/connect/userinfo', { headers: { origin: 'https://web.example' } });
    assert.equal(challenge.headers.get('access-control-allow-origin'), 'https://web.example');
    assert.equal(challenge.headers.get('access-control-expose-headers'), 'WWW-Authenticate');
    const preflight = await t.request('OPTIONS', '/connect/userinfo', {
      headers: { origin: 'https://web.example', 'access-control-request-method': 'GET' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'GET, POST');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  });
});
