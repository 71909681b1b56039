import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerContext } from '../../context.js';
import type { IdentityServer } from '../../server/types.js';
import { rejects, request, startAuthorizeContext, valid } from './authorize.case.js';

// check-scope, check-resource, check-claims
describe('authorize checks: scope, resource indicators and the claims parameter', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  before(async () => ({ server, ctx } = await startAuthorizeContext()));
  after(() => server.close());

  it('resolves identity and API scopes in request order', async () => {
    const r = await valid(ctx, request({ scope: 'openid orders.read profile offline_access' }));
    assert.deepEqual(r.resources.scopes, ['openid', 'orders.read', 'profile', 'offline_access']);
    assert.equal(r.isOpenId, true);
    assert.equal(r.resources.offlineAccess, true);
    assert.deepEqual(
      r.resources.apiResources.map((a) => a.name),
      ['orders'],
    );
  });

  it('requires scope and rejects scopes the client may not use', async () => {
    await rejects(ctx, request({ scope: undefined }), 'invalid_scope', /"scope" is required/);
    await rejects(ctx, request({ scope: 'openid orders.write' }), 'invalid_scope', /orders.write/);
    await rejects(ctx, request({ scope: 'openid  profile' }), 'invalid_scope');
  });

  it('requires openid for identity scopes and for ID token response types', async () => {
    await rejects(ctx, request({ scope: 'profile' }), 'invalid_scope', /"openid"/);
    await rejects(
      ctx,
      request({ client_id: 'hybrid', response_type: 'code id_token', nonce: 'n', scope: 'orders.read' }),
      'invalid_scope',
      /"openid"/,
    );
    const plain = await valid(ctx, request({ scope: 'orders.read' }));
    assert.equal(plain.isOpenId, false);
  });

  it('allows offline_access only to clients that may have refresh tokens and never with implicit', async () => {
    await rejects(
      ctx,
      request({ client_id: 'no-pkce', scope: 'openid offline_access' }),
      'invalid_scope',
      /offline_access/,
    );
    await rejects(
      ctx,
      request({
        client_id: 'implicit',
        response_type: 'id_token',
        nonce: 'n',
        scope: 'openid offline_access',
        code_challenge: undefined,
        code_challenge_method: undefined,
      }),
      'invalid_scope',
      /offline_access/,
    );
  });

  it('accepts resource indicators that name a known API resource of a requested scope', async () => {
    const r = await valid(
      ctx,
      request({ scope: 'openid orders.read billing.read', resource: ['orders', 'billing', 'orders'] }),
    );
    assert.deepEqual(r.resourceIndicators, ['orders', 'billing']);
  });

  it('rejects unknown, disabled, fragment-bearing or unrelated resources with invalid_target', async () => {
    await rejects(ctx, request({ scope: 'openid orders.read', resource: 'unknown' }), 'invalid_target', /"resource"/);
    await rejects(ctx, request({ scope: 'openid orders.read', resource: 'off' }), 'invalid_target', /"resource"/);
    await rejects(ctx, request({ scope: 'openid orders.read', resource: 'orders#x' }), 'invalid_target', /fragment/);
    await rejects(
      ctx,
      request({ scope: 'openid orders.read', resource: 'billing' }),
      'invalid_target',
      /none of the requested scopes/,
    );
    await rejects(ctx, request({ scope: 'openid', resource: 'orders' }), 'invalid_target');
  });

  it('parses the claims parameter into userinfo and id_token requests', async () => {
    const claims = JSON.stringify({
      userinfo: { email: { essential: true }, name: null },
      id_token: { auth_time: { essential: true }, acr: { values: ['urn:a', 'urn:b'] } },
      unknown_member: { x: 1 },
    });
    const r = await valid(ctx, request({ claims }));
    assert.deepEqual(r.claimsRequest?.userinfo?.name, null);
    assert.equal(r.claimsRequest?.userinfo?.email?.essential, true);
    assert.deepEqual(r.claimsRequest?.id_token?.acr?.values, ['urn:a', 'urn:b']);
    assert.equal(Object.hasOwn(r.claimsRequest ?? {}, 'unknown_member'), false);
  });

  it('rejects a claims parameter that is not the JSON shape of OpenID Connect Core §5.5', async () => {
    for (const claims of [
      'not json',
      '[]',
      '"x"',
      '{"userinfo":[]}',
      '{"userinfo":{"email":1}}',
      '{"id_token":{"acr":{"essential":"yes"}}}',
      '{"id_token":{"acr":{"values":"a"}}}',
    ]) {
      await rejects(ctx, request({ claims }), 'invalid_request', /"claims"/);
    }
    await rejects(ctx, request({ claims: '{}', scope: 'orders.read' }), 'invalid_request', /"openid"/);
    await rejects(
      ctx,
      request({ claims: `{"userinfo":{"a":null},"x":"${'y'.repeat(4096)}"}` }),
      'invalid_request',
      /"claims" is too long/,
    );
  });

  it('keeps a __proto__ claim name as a plain property', async () => {
    const r = await valid(ctx, request({ claims: '{"userinfo":{"__proto__":{"essential":true}}}' }));
    const userinfo = r.claimsRequest!.userinfo!;
    assert.equal(Object.getPrototypeOf(userinfo), Object.prototype);
    assert.ok(Object.hasOwn(userinfo, '__proto__'));
  });

  it('rejects userinfo claims when no access token will be issued', async () => {
    await rejects(
      ctx,
      request({
        client_id: 'implicit',
        response_type: 'id_token',
        nonce: 'n',
        code_challenge: undefined,
        code_challenge_method: undefined,
        claims: '{"userinfo":{"email":null}}',
      }),
      'invalid_request',
      /"userinfo"/,
    );
  });
});
