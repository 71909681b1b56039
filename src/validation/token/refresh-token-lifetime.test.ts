import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { startTestServer, type TestServer, webClient } from '../../server/test-server.case.js';

describe('refresh token lifetimes, narrowing and claims', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer([
      webClient('reuse', { refreshTokenUsage: 'reUse' }),
      webClient('absolute', { absoluteRefreshTokenLifetime: 100 }),
      webClient('sliding', {
        refreshTokenExpiration: 'sliding',
        absoluteRefreshTokenLifetime: 100,
        slidingRefreshTokenLifetime: 30,
      }),
      webClient('sliding-reuse', {
        refreshTokenUsage: 'reUse',
        refreshTokenExpiration: 'sliding',
        absoluteRefreshTokenLifetime: 100,
        slidingRefreshTokenLifetime: 30,
      }),
      webClient('updating', { updateAccessTokenClaimsOnRefresh: true }),
    ]);
  });
  after(() => t.close());

  const refresh = (clientId: string, token: unknown, extra: Record<string, string> = {}) =>
    t.token(clientId, { grant_type: 'refresh_token', refresh_token: String(token), ...extra });

  it('ends an absolute family at its first issuance plus the absolute lifetime, however often it rotates', async () => {
    let rt = (await t.signIn('absolute')).refresh_token;
    for (let i = 0; i < 3; i++) {
      t.clock.now += 30;
      const r = await refresh('absolute', rt);
      assert.equal(r.status, 200, `refresh at +${30 * (i + 1)} s`);
      rt = r.body.refresh_token;
    }
    t.clock.now += 10;
    assert.equal((await refresh('absolute', rt)).body.error, 'invalid_grant', 'at +100 s');
  });

  it('slides the expiry on each use, capped at the absolute lifetime, with rotation and with reUse', async () => {
    for (const clientId of ['sliding', 'sliding-reuse']) {
      let rt = (await t.signIn(clientId)).refresh_token;
      for (const step of [25, 25, 25, 20]) {
        t.clock.now += step;
        const r = await refresh(clientId, rt);
        assert.equal(r.status, 200, `${clientId}: used within the sliding window`);
        rt = r.body.refresh_token;
      }
      t.clock.now += 5;
      assert.equal((await refresh(clientId, rt)).body.error, 'invalid_grant', `${clientId}: absolute end at +100 s`);
      const idle = (await t.signIn(clientId)).refresh_token;
      t.clock.now += 30;
      assert.equal((await refresh(clientId, idle)).body.error, 'invalid_grant', `${clientId}: idle for 30 s`);
    }
  });

  it('narrows the scope of the access token while the refresh token keeps the original grant', async () => {
    const first = await t.signIn('reuse');
    const narrow = await refresh('reuse', first.refresh_token, { scope: 'orders.read' });
    assert.equal(narrow.status, 200);
    assert.equal(narrow.body.scope, 'orders.read');
    assert.equal(narrow.body.id_token, undefined, 'no openid, no ID token');
    assert.deepEqual(decodeJwt(String(narrow.body.access_token)).scope, ['orders.read']);
    const wider = await refresh('reuse', first.refresh_token, { scope: 'orders.read orders.write' });
    assert.equal(wider.body.error, 'invalid_scope');
    const full = await refresh('reuse', first.refresh_token);
    assert.equal(full.body.scope, 'openid profile orders.read offline_access');
  });

  it('refuses to refresh for a user the profile service says is inactive', async () => {
    const first = await t.signIn('reuse');
    t.users.get('alice')!.active = false;
    try {
      assert.equal((await refresh('reuse', first.refresh_token)).body.error, 'invalid_grant');
    } finally {
      t.users.get('alice')!.active = true;
    }
  });

  it('keeps the original access token claims unless updateAccessTokenClaimsOnRefresh is set', async () => {
    const kept = await t.signIn('reuse');
    const updated = await t.signIn('updating');
    const alice = t.users.get('alice')!;
    alice.claims.role = 'auditor';
    try {
      const a = await refresh('reuse', kept.refresh_token);
      const b = await refresh('updating', updated.refresh_token);
      assert.equal(decodeJwt(String(a.body.access_token)).role, 'admin');
      assert.equal(decodeJwt(String(b.body.access_token)).role, 'auditor');
    } finally {
      alice.claims.role = 'admin';
    }
  });

  it('gives a narrowed access token only its own claims, and asks the profile service for claims not loaded before', async () => {
    const scopes = ['openid', 'orders.read', 'billing.read', 'offline_access'];
    const wide = await t.signIn('reuse', { scopes });
    const narrow = decodeJwt(
      String((await refresh('reuse', wide.refresh_token, { scope: 'billing.read' })).body.access_token),
    );
    assert.equal(narrow.aud, 'billing');
    assert.equal(narrow.role, undefined);
    assert.equal(narrow.tenant, undefined);
    const billingOnly = await t.code('reuse', { scopes, resources: ['billing', 'orders'] });
    const first = await t.token('reuse', {
      grant_type: 'authorization_code',
      code: billingOnly.code,
      code_verifier: billingOnly.verifier,
      redirect_uri: billingOnly.payload.redirectUri!,
      resource: 'billing',
    });
    assert.equal(decodeJwt(String(first.body.access_token)).role, undefined);
    const orders = decodeJwt(
      String((await refresh('reuse', first.body.refresh_token, { resource: 'orders' })).body.access_token),
    );
    assert.equal(orders.aud, 'orders');
    assert.equal(orders.role, 'admin', 'loaded now: the first token did not need it');
  });

  it('answers invalid_request without a refresh_token and invalid_grant for an unknown one', async () => {
    const missing = await t.token('reuse', { grant_type: 'refresh_token' });
    assert.equal(missing.body.error, 'invalid_request');
    assert.equal((await refresh('reuse', 'nope')).body.error, 'invalid_grant');
  });
});
