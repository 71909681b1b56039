import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerContext } from '../../context.js';
import { isOAuthError, type OAuthErrorCode } from '../../errors/oauth-error.js';
import { Params } from '../../host/form.js';
import { pushAuthorizationRequest } from '../../response/pushed-authorization.js';
import type { IdentityServer } from '../../server/types.js';
import { request, startAuthorizeContext } from './authorize.case.js';
import { PUSHED_REQUEST_URI_PREFIX, pushedRequestKey } from './pushed-request-data.js';
import { resolveRequestUri } from './resolve-request-uri.js';
import { newAuthorizeDraft, validateAuthorizeRequest } from './validate-authorize-request.js';

async function expectError(p: Promise<unknown>, code: OAuthErrorCode, description?: RegExp): Promise<void> {
  await assert.rejects(p, (e) => {
    assert.ok(isOAuthError(e), String(e));
    assert.equal(e.error, code, e.description);
    if (description) assert.match(e.description, description);
    return true;
  });
}

// check-pushed-authorization, check-request-object and check-client in the par flow, resolve-request-uri
describe('pushed authorization requests (RFC 9126)', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  let clock = 1_800_000_000;
  before(async () => ({ server, ctx } = await startAuthorizeContext({ now: () => clock })));
  after(() => server.close());

  /** Validate `query` in the par flow as if `clientId` had authenticated. */
  function pushed(query: Record<string, string | string[]>, clientId = 'web') {
    const client = ctx.clients.find(clientId)!;
    return validateAuthorizeRequest(newAuthorizeDraft(ctx, Params.from(query), 'par', { client }));
  }

  async function push(query: Record<string, string | string[]> = request(), clientId = 'web') {
    return pushAuthorizationRequest(ctx, await pushed(query, clientId));
  }

  it('validates pushed parameters with the authorize table, client_id optional but bound', async () => {
    const r = await pushed(request({ client_id: undefined }));
    assert.equal(r.client.clientId, 'web');
    await expectError(pushed(request({ client_id: 'native' })), 'invalid_request', /authenticated client/);
    await expectError(pushed(request({ redirect_uri: 'https://evil.test/cb' })), 'invalid_request', /redirect_uri/);
    await expectError(pushed(request({ code_challenge: undefined })), 'invalid_request', /code_challenge/);
    await expectError(pushed(request({ scope: ['openid', 'openid'] })), 'invalid_request', /must not be repeated/);
  });

  it('refuses request_uri inside a pushed request with invalid_request (§2.1)', async () => {
    await expectError(
      pushed(request({ request_uri: `${PUSHED_REQUEST_URI_PREFIX}x` })),
      'invalid_request',
      /"request_uri"/,
    );
  });

  it('refuses a client that must push when the request was not pushed, and accepts it pushed', async () => {
    const q = request({ client_id: 'par-only' });
    await expectError(validateAuthorizeRequest(newAuthorizeDraft(ctx, Params.from(q))), 'invalid_request', /pushed/);
    const r = await validateAuthorizeRequest(newAuthorizeDraft(ctx, Params.from(q), 'authorize', { pushed: true }));
    assert.equal(r.client.clientId, 'par-only');
    // Pushing itself is never refused for it.
    await pushed(q, 'par-only');
  });

  it('stores only the handle hash, data-protected, with the client lifetime or the default', async () => {
    const res = await push();
    assert.equal(res.expires_in, 600);
    const handle = res.request_uri.slice(PUSHED_REQUEST_URI_PREFIX.length);
    assert.match(handle, /^[A-Za-z0-9_-]{43}$/);
    assert.equal((await push(request({ client_id: 'par-only' }), 'par-only')).expires_in, 30);
    const stored = await ctx.stores.pushedRequests.consume(pushedRequestKey(handle), clock);
    assert.ok(stored);
    assert.equal(stored.clientId, 'web');
    assert.equal(stored.expiresAt, clock + 600);
    assert.ok(!stored.data.includes('app.test') && !stored.data.includes(handle));
  });

  it('resolves a request_uri once, to the pushed parameters, ignoring the other query parameters', async () => {
    const { request_uri } = await push(request({ client_id: undefined, state: 'pushed-state' }));
    const params = await resolveRequestUri(ctx, Params.from({ client_id: 'web', request_uri, state: 'evil' }));
    assert.equal(params.get('state'), 'pushed-state');
    assert.equal(params.get('client_id'), 'web');
    assert.equal(params.has('request_uri'), false);
    await expectError(
      resolveRequestUri(ctx, Params.from({ client_id: 'web', request_uri })),
      'invalid_request',
      /already used/,
    );
  });

  it('refuses a request_uri of another client, which does not use it up for the client that pushed it', async () => {
    const { request_uri } = await push();
    await expectError(
      resolveRequestUri(ctx, Params.from({ client_id: 'native', request_uri })),
      'invalid_request',
      /unknown, expired or was already used/,
    );
    assert.ok(await resolveRequestUri(ctx, Params.from({ client_id: 'web', request_uri })));
    await expectError(
      resolveRequestUri(ctx, Params.from({ client_id: 'web', request_uri })),
      'invalid_request',
      /already used/,
    );
  });

  it('refuses an expired request_uri', async () => {
    const { request_uri, expires_in } = await push();
    clock += expires_in + 1;
    await expectError(
      resolveRequestUri(ctx, Params.from({ client_id: 'web', request_uri })),
      'invalid_request',
      /expired/,
    );
  });

  it('refuses an unknown urn, a foreign request_uri, a missing client_id and a repeated request_uri', async () => {
    const unknown = `${PUSHED_REQUEST_URI_PREFIX}${'A'.repeat(43)}`;
    await expectError(
      resolveRequestUri(ctx, Params.from({ client_id: 'web', request_uri: unknown })),
      'invalid_request',
      /unknown/,
    );
    await expectError(
      resolveRequestUri(ctx, Params.from({ client_id: 'web', request_uri: 'https://app.test/request.jwt' })),
      'request_uri_not_supported',
    );
    await expectError(resolveRequestUri(ctx, Params.from({ request_uri: unknown })), 'invalid_request', /"client_id"/);
    await expectError(
      resolveRequestUri(ctx, Params.from({ client_id: 'web', request_uri: [unknown, unknown] })),
      'invalid_request',
      /repeated/,
    );
  });
});

describe('pushed authorization required for every client', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  before(async () => ({ server, ctx } = await startAuthorizeContext({ pushedAuthorization: { required: true } })));
  after(() => server.close());

  it('refuses any request that was not pushed', async () => {
    await expectError(
      validateAuthorizeRequest(newAuthorizeDraft(ctx, Params.from(request()))),
      'invalid_request',
      /pushed/,
    );
    await validateAuthorizeRequest(newAuthorizeDraft(ctx, Params.from(request()), 'authorize', { pushed: true }));
  });
});
