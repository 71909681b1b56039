import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerContext } from '../../context.js';
import type { IdentityServer } from '../../server/types.js';
import { rejects, request, startAuthorizeContext, valid } from './authorize.case.js';

// check-response-type, check-response-mode, check-nonce
describe('authorize checks: response type, response mode and nonce', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  before(async () => ({ server, ctx } = await startAuthorizeContext()));
  after(() => server.close());

  const implicit = (o: Record<string, string | undefined>) =>
    request({
      client_id: 'implicit',
      code_challenge: undefined,
      code_challenge_method: undefined,
      nonce: 'n-0S6',
      ...o,
    });

  it('maps code to the authorization_code grant with the query response mode', async () => {
    const r = await valid(ctx, request());
    assert.equal(r.responseType, 'code');
    assert.equal(r.grantType, 'authorization_code');
    assert.equal(r.responseMode, 'query');
  });

  it('requires response_type and rejects unknown or malformed values', async () => {
    await rejects(ctx, request({ response_type: undefined }), 'invalid_request', /"response_type" is required/);
    await rejects(ctx, request({ response_type: 'code code' }), 'invalid_request', /"response_type"/);
    await rejects(ctx, request({ response_type: 'code  id_token' }), 'invalid_request', /"response_type"/);
    await rejects(ctx, request({ response_type: 'device_code' }), 'unsupported_response_type', /"response_type"/);
  });

  it('accepts response type tokens in any order and normalises them', async () => {
    const r = await valid(ctx, request({ client_id: 'hybrid', response_type: 'id_token code', nonce: 'n' }));
    assert.equal(r.responseType, 'code id_token');
    assert.equal(r.grantType, 'hybrid');
    assert.equal(r.responseMode, 'fragment');
  });

  it('allows a response type only when the client has its grant', async () => {
    await rejects(ctx, implicit({ client_id: 'web', response_type: 'id_token' }), 'unauthorized_client', /"id_token"/);
    await rejects(ctx, request({ client_id: 'implicit' }), 'unauthorized_client', /"code"/);
    await rejects(ctx, request({ client_id: 'hybrid' }), 'unauthorized_client', /"code"/);
  });

  it('allows token-returning response types only with allowAccessTokensViaBrowser', async () => {
    const r = await valid(ctx, implicit({ response_type: 'id_token token' }));
    assert.equal(r.grantType, 'implicit');
    await valid(ctx, implicit({ client_id: 'implicit-no-browser-tokens', response_type: 'id_token' }));
    await rejects(
      ctx,
      implicit({ client_id: 'implicit-no-browser-tokens', response_type: 'id_token token' }),
      'unauthorized_client',
      /access tokens through the browser/,
    );
  });

  it('accepts query, fragment and form_post, and rejects other modes', async () => {
    assert.equal((await valid(ctx, request({ response_mode: 'fragment' }))).responseMode, 'fragment');
    assert.equal((await valid(ctx, request({ response_mode: 'form_post' }))).responseMode, 'form_post');
    await rejects(ctx, request({ response_mode: 'jwt' }), 'invalid_request', /"response_mode"/);
    await rejects(ctx, request({ response_mode: 'QUERY' }), 'invalid_request', /"response_mode"/);
  });

  it('never returns tokens in the query', async () => {
    await rejects(
      ctx,
      implicit({ response_type: 'id_token', response_mode: 'query' }),
      'invalid_request',
      /query is not allowed/,
    );
    assert.equal(
      (await valid(ctx, implicit({ response_type: 'id_token', response_mode: 'form_post' }))).responseMode,
      'form_post',
    );
  });

  it('requires a nonce when an ID token comes from the authorization endpoint', async () => {
    await rejects(
      ctx,
      implicit({ response_type: 'id_token', nonce: undefined }),
      'invalid_request',
      /"nonce" is required/,
    );
    assert.equal((await valid(ctx, request())).nonce, undefined);
    assert.equal((await valid(ctx, request({ nonce: 'abc' }))).nonce, 'abc');
    await rejects(ctx, request({ nonce: 'n'.repeat(301) }), 'invalid_request', /"nonce" is too long/);
  });
});
