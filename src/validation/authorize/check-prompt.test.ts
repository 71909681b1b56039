import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerContext } from '../../context.js';
import type { IdentityServer } from '../../server/types.js';
import { rejects, request, signIdToken, startAuthorizeContext, valid } from './authorize.case.js';

// check-prompt, check-max-age, check-id-token-hint, check-login-hint, check-acr-values, check-ui-locales, check-dpop-jkt
describe('authorize checks: prompt, max_age, hints, acr_values, ui_locales and dpop_jkt', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  before(async () => ({ server, ctx } = await startAuthorizeContext()));
  after(() => server.close());

  it('parses prompt values and keeps none alone', async () => {
    assert.deepEqual([...(await valid(ctx, request({ prompt: 'login consent' }))).prompt], ['login', 'consent']);
    assert.deepEqual([...(await valid(ctx, request())).prompt], []);
    await rejects(ctx, request({ prompt: 'none login' }), 'invalid_request', /none must not be combined/);
    await rejects(ctx, request({ prompt: 'sometimes' }), 'invalid_request', /"prompt"/);
    await rejects(ctx, request({ prompt: 'login  consent' }), 'invalid_request', /"prompt"/);
  });

  it('accepts prompt=create only when self sign-up is configured', async () => {
    await rejects(ctx, request({ prompt: 'create' }), 'invalid_request', /self sign-up is not configured/);
    const other = await startAuthorizeContext({ createAccountUrl: 'https://op.test/register' });
    try {
      assert.deepEqual([...(await valid(other.ctx, request({ prompt: 'create' }))).prompt], ['create']);
    } finally {
      await other.server.close();
    }
  });

  it('reads max_age as a non-negative integer', async () => {
    assert.equal((await valid(ctx, request({ max_age: '0' }))).maxAge, 0);
    assert.equal((await valid(ctx, request({ max_age: '3600' }))).maxAge, 3600);
    for (const v of ['-1', '1.5', 'abc', '1e3', '99999999999']) {
      await rejects(ctx, request({ max_age: v }), 'invalid_request', /"max_age"/);
    }
  });

  it('accepts an ID token this server issued to the client as a hint, even when expired', async () => {
    const hint = signIdToken(ctx, { sid: 'S1', exp: ctx.now() - 3600 });
    const r = await valid(ctx, request({ id_token_hint: hint }));
    assert.deepEqual(r.idTokenHint, { sub: 'alice', sid: 'S1' });
  });

  it('rejects hints that are not our ID tokens for this client', async () => {
    const bad = [
      'not-a-jwt',
      signIdToken(ctx, { aud: 'other-client' }),
      signIdToken(ctx, { iss: 'https://evil.test' }),
      signIdToken(ctx, { sub: 42 }),
      signIdToken(ctx, {}, 'at+jwt'),
      `${signIdToken(ctx, {}).slice(0, -4)}AAAA`,
    ];
    for (const hint of bad) await rejects(ctx, request({ id_token_hint: hint }), 'invalid_request', /"id_token_hint"/);
    await valid(ctx, request({ id_token_hint: signIdToken(ctx, { aud: ['x', 'web'] }) }));
  });

  it('keeps login_hint and limits its length', async () => {
    assert.equal((await valid(ctx, request({ login_hint: 'alice@example.com' }))).loginHint, 'alice@example.com');
    await rejects(ctx, request({ login_hint: 'a'.repeat(101) }), 'invalid_request', /"login_hint" is too long/);
  });

  it('takes idp: and tenant: out of acr_values', async () => {
    const r = await valid(ctx, request({ acr_values: 'urn:mace:incommon:iap:silver idp:local tenant:acme' }));
    assert.deepEqual(r.acrValues, ['urn:mace:incommon:iap:silver']);
    assert.equal(r.idp, 'local');
    assert.equal(r.tenant, 'acme');
  });

  it('accepts BCP 47 tags in ui_locales', async () => {
    assert.equal((await valid(ctx, request({ ui_locales: 'fr-CA fr en' }))).uiLocales, 'fr-CA fr en');
    await rejects(ctx, request({ ui_locales: '<script>' }), 'invalid_request', /"ui_locales"/);
  });

  it('accepts a 43-character dpop_jkt only', async () => {
    const jkt = '0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I';
    assert.equal((await valid(ctx, request({ dpop_jkt: jkt }))).dpopJkt, jkt);
    await rejects(ctx, request({ dpop_jkt: 'short' }), 'invalid_request', /"dpop_jkt"/);
  });

  it('keeps only the known parameters for sealing into a return URL', async () => {
    const r = await valid(ctx, request({ extra: 'ignored', resource: ['orders'], scope: 'openid orders.read' }));
    assert.equal(r.parameters.extra, undefined);
    assert.equal(r.parameters.client_id, 'web');
    assert.equal(r.parameters.resource, 'orders');
  });
});
