import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerContext } from '../../context.js';
import type { IdentityServer } from '../../server/types.js';
import { rejects, request, startAuthorizeContext, valid } from './authorize.case.js';

// check-parameter-limits, check-request-object, check-client, check-redirect-uri, check-state
describe('authorize checks: input limits, client, redirect URI and state', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  before(async () => ({ server, ctx } = await startAuthorizeContext()));
  after(() => server.close());

  it('accepts a complete code-flow request and freezes the result', async () => {
    const r = await valid(ctx, request());
    assert.equal(r.client.clientId, 'web');
    assert.equal(r.redirectUri, 'https://app.test/cb');
    assert.equal(r.redirectUriParam, 'https://app.test/cb');
    assert.equal(r.state, 'af0ifjsldkj');
    assert.ok(Object.isFrozen(r));
    assert.throws(() => {
      (r as { state?: string }).state = 'changed';
    });
  });

  it('rejects a repeated parameter before looking at the client', async () => {
    const draft = await rejects(
      ctx,
      request({ scope: ['openid', 'openid'] }),
      'invalid_request',
      /"scope" must not be repeated/,
    );
    assert.equal(draft.client, undefined);
  });

  it('rejects an over-long parameter, naming it', async () => {
    await rejects(ctx, request({ state: 'x'.repeat(2001) }), 'invalid_request', /"state" is too long/);
    await rejects(ctx, request({ client_id: 'x'.repeat(101) }), 'invalid_request', /"client_id" is too long/);
    await rejects(
      ctx,
      request({ redirect_uri: `https://app.test/${'x'.repeat(400)}` }),
      'invalid_request',
      /"redirect_uri" is too long/,
    );
  });

  it('allows several resource parameters but not more than ten', async () => {
    await valid(ctx, request({ scope: 'openid orders.read billing.read', resource: ['orders', 'billing'] }));
    await rejects(
      ctx,
      request({ resource: Array.from({ length: 11 }, (_, i) => `r${i}`) }),
      'invalid_request',
      /"resource"/,
    );
  });

  it('refuses request objects with the OpenID Connect error codes', async () => {
    await rejects(ctx, request({ request: 'eyJ.eyJ.sig' }), 'request_not_supported', /"request"/);
    await rejects(ctx, request({ request_uri: 'urn:x' }), 'request_uri_not_supported', /"request_uri"/);
  });

  it('requires a known, enabled client that may use the authorization endpoint', async () => {
    await rejects(ctx, request({ client_id: undefined }), 'invalid_request', /"client_id" is required/);
    await rejects(ctx, request({ client_id: 'nobody' }), 'unauthorized_client', /"client_id"/);
    await rejects(ctx, request({ client_id: 'disabled' }), 'unauthorized_client', /"client_id"/);
    await rejects(ctx, request({ client_id: 'machine' }), 'unauthorized_client', /authorization endpoint/);
  });

  it('does not set a redirect URI when the client is unknown, so no error can be redirected', async () => {
    const draft = await rejects(ctx, request({ client_id: 'nobody' }), 'unauthorized_client');
    assert.equal(draft.redirectUri, undefined);
  });

  it('requires the redirect URI to match a registered one exactly', async () => {
    for (const uri of [
      'https://app.test/cb/',
      'https://APP.test/cb',
      'https://app.test/cb?x=1',
      'https://evil.test/cb',
    ]) {
      const draft = await rejects(
        ctx,
        request({ redirect_uri: uri }),
        'invalid_request',
        /"redirect_uri" does not match/,
      );
      assert.equal(draft.redirectUri, undefined, uri);
    }
  });

  it('lets a native client use any port on its loopback redirect', async () => {
    const r = await valid(ctx, request({ client_id: 'native', redirect_uri: 'http://127.0.0.1:49152/cb' }));
    assert.equal(r.redirectUri, 'http://127.0.0.1:49152/cb');
    await rejects(ctx, request({ client_id: 'native', redirect_uri: 'http://localhost:49152/cb' }), 'invalid_request');
  });

  it('uses the only registered redirect URI when a plain OAuth request omits it', async () => {
    const r = await valid(ctx, request({ client_id: 'single', redirect_uri: undefined, scope: 'orders.read' }));
    assert.equal(r.redirectUri, 'https://single.test/cb');
    assert.equal(r.redirectUriParam, undefined);
  });

  it('requires the redirect URI for OpenID Connect requests and for clients with several', async () => {
    await rejects(
      ctx,
      request({ client_id: 'single', redirect_uri: undefined }),
      'invalid_request',
      /"redirect_uri" is required/,
    );
    await rejects(
      ctx,
      request({ client_id: 'native', redirect_uri: undefined, scope: 'orders.read' }),
      'invalid_request',
      /"redirect_uri" is required/,
    );
  });

  it('keeps state for the error response even when a later check fails', async () => {
    const draft = await rejects(ctx, request({ response_type: 'nonsense' }), 'unsupported_response_type');
    assert.equal(draft.state, 'af0ifjsldkj');
    assert.equal(draft.redirectUri, 'https://app.test/cb');
  });
});
