import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { SECRET, startTestServer, type TestServer, webClient } from '../../server/test-server.case.js';

describe('refresh token rotation and reuse', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer([
      webClient('rotating', { accessTokenType: 'reference' }),
      webClient('grace', { accessTokenType: 'reference', refreshTokenReuseGracePeriod: 10 }),
      webClient('reuse', { refreshTokenUsage: 'reUse' }),
      webClient('spa', { clientSecrets: [], requireClientSecret: false, refreshTokenUsage: 'reUse' }),
      webClient('other'),
    ]);
  });
  after(() => t.close());

  const refresh = (clientId: string, token: unknown, extra: Record<string, string> = {}) =>
    t.token(clientId, { grant_type: 'refresh_token', refresh_token: String(token), ...extra }, clientId === 'spa');

  async function active(clientId: string, token: unknown): Promise<boolean> {
    const r = await t.request('POST', '/connect/introspect', {
      form: { token: String(token), client_id: clientId, client_secret: SECRET },
    });
    return r.body.active === true;
  }

  it('rotates a one-time refresh token and issues a fresh access token and ID token', async () => {
    const first = await t.signIn('rotating');
    const r = await refresh('rotating', first.refresh_token);
    assert.equal(r.status, 200);
    assert.notEqual(r.body.refresh_token, first.refresh_token);
    assert.notEqual(r.body.access_token, first.access_token);
    assert.equal(r.body.scope, 'openid profile orders.read offline_access');
    const id = decodeJwt(String(r.body.id_token));
    const original = decodeJwt(String(first.id_token));
    assert.equal(id.auth_time, original.auth_time, 'the original auth_time');
    assert.equal(id.nonce, undefined, 'no nonce on refresh');
    assert.equal(id.sid, 'session-1');
    assert.equal(await active('rotating', first.refresh_token), false, 'the rotated token is no longer active');
    assert.equal(await active('rotating', r.body.refresh_token), true);
  });

  it('revokes the whole family when a rotated refresh token is reused', async () => {
    const first = await t.signIn('rotating');
    const second = await refresh('rotating', first.refresh_token);
    const reuse = await refresh('rotating', first.refresh_token);
    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.error, 'invalid_grant');
    assert.equal((await refresh('rotating', second.body.refresh_token)).body.error, 'invalid_grant');
    assert.equal(await active('rotating', second.body.access_token), false, 'reference access tokens die too');
    assert.equal(await active('rotating', first.access_token), false);
  });

  it('lets exactly one of concurrent refreshes win without a grace period, and revokes the family', async () => {
    const first = await t.signIn('rotating');
    const results = await Promise.all(Array.from({ length: 10 }, () => refresh('rotating', first.refresh_token)));
    const ok = results.filter((r) => r.status === 200);
    assert.equal(ok.length, 1);
    assert.equal((await refresh('rotating', ok[0]!.body.refresh_token)).body.error, 'invalid_grant');
    assert.equal(await active('rotating', ok[0]!.body.access_token), false);
  });

  it('gives every concurrent refresh inside the grace window its own working successor', async () => {
    const first = await t.signIn('grace');
    const results = await Promise.all(Array.from({ length: 5 }, () => refresh('grace', first.refresh_token)));
    for (const r of results) assert.equal(r.status, 200);
    const successors = new Set(results.map((r) => String(r.body.refresh_token)));
    assert.equal(successors.size, 5);
    for (const s of successors) assert.equal((await refresh('grace', s)).status, 200, 'each successor works');
  });

  it('treats a reuse after the grace window as theft and revokes the family, successors included', async () => {
    const first = await t.signIn('grace');
    const second = await refresh('grace', first.refresh_token);
    t.clock.now += 5;
    const inGrace = await refresh('grace', first.refresh_token);
    assert.equal(inGrace.status, 200, 'five seconds after the first use');
    t.clock.now += 6;
    const late = await refresh('grace', first.refresh_token);
    assert.equal(late.body.error, 'invalid_grant', 'eleven seconds after the first use: the window does not slide');
    assert.equal((await refresh('grace', second.body.refresh_token)).body.error, 'invalid_grant');
    assert.equal((await refresh('grace', inGrace.body.refresh_token)).body.error, 'invalid_grant');
    assert.equal(await active('grace', inGrace.body.access_token), false);
  });

  it('keeps the same handle for a reUse client', async () => {
    const first = await t.signIn('reuse');
    const a = await refresh('reuse', first.refresh_token);
    const b = await refresh('reuse', first.refresh_token);
    assert.equal(a.body.refresh_token, first.refresh_token);
    assert.equal(b.body.refresh_token, first.refresh_token);
    assert.equal(b.status, 200);
  });

  it('always rotates the refresh tokens of a public client, whatever its configuration says', async () => {
    const first = await t.signIn('spa');
    const a = await refresh('spa', first.refresh_token);
    assert.equal(a.status, 200);
    assert.notEqual(a.body.refresh_token, first.refresh_token);
    assert.equal((await refresh('spa', first.refresh_token)).body.error, 'invalid_grant');
    assert.equal((await refresh('spa', a.body.refresh_token)).body.error, 'invalid_grant', 'reuse revoked the family');
  });

  it("refuses another client's refresh token without side effects", async () => {
    const first = await t.signIn('rotating');
    const stolen = await refresh('other', first.refresh_token);
    assert.equal(stolen.body.error, 'invalid_grant');
    assert.equal((await refresh('rotating', first.refresh_token)).status, 200, 'not consumed, not revoked');
  });

  it('revokes the family when the refresh token is revoked', async () => {
    const first = await t.signIn('rotating');
    const r = await t.request('POST', '/connect/revocation', {
      form: { token: String(first.refresh_token), client_id: 'rotating', client_secret: SECRET },
    });
    assert.equal(r.status, 200);
    assert.equal(await active('rotating', first.access_token), false);
    assert.equal((await refresh('rotating', first.refresh_token)).body.error, 'invalid_grant');
  });
});
