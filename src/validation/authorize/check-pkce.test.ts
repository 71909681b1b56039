import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerContext } from '../../context.js';
import type { IdentityServer } from '../../server/types.js';
import { CHALLENGE, rejects, request, startAuthorizeContext, valid } from './authorize.case.js';

// check-pkce: RFC 7636 §4.3, §4.4.1; RFC 9700 §2.1.1; security.md A15, A16.
describe('authorize checks: PKCE', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  before(async () => ({ server, ctx } = await startAuthorizeContext()));
  after(() => server.close());

  it('keeps an S256 challenge', async () => {
    const r = await valid(ctx, request());
    assert.deepEqual(r.pkce, { challenge: CHALLENGE, method: 'S256' });
  });

  it('requires a code challenge by default', async () => {
    await rejects(
      ctx,
      request({ code_challenge: undefined, code_challenge_method: undefined }),
      'invalid_request',
      /"code_challenge" is required/,
    );
  });

  it('lets a client that opted out omit PKCE, but still checks a challenge it sends', async () => {
    const r = await valid(
      ctx,
      request({ client_id: 'no-pkce', code_challenge: undefined, code_challenge_method: undefined }),
    );
    assert.equal(r.pkce, undefined);
    await rejects(ctx, request({ client_id: 'no-pkce', code_challenge: 'short' }), 'invalid_request', /too short/);
  });

  it('refuses a method without a challenge', async () => {
    await rejects(
      ctx,
      request({ code_challenge: undefined }),
      'invalid_request',
      /"code_challenge_method" was sent without/,
    );
  });

  it('treats a missing method as plain and refuses plain unless the client allows it', async () => {
    await rejects(ctx, request({ code_challenge_method: undefined }), 'invalid_request', /plain is not allowed/);
    await rejects(ctx, request({ code_challenge_method: 'plain' }), 'invalid_request', /plain is not allowed/);
    const verifier = 'a'.repeat(43);
    const r = await valid(
      ctx,
      request({ client_id: 'plain-pkce', code_challenge: verifier, code_challenge_method: undefined }),
    );
    assert.deepEqual(r.pkce, { challenge: verifier, method: 'plain' });
  });

  it('refuses unknown methods, including a lower-case s256', async () => {
    await rejects(ctx, request({ code_challenge_method: 's256' }), 'invalid_request', /must be S256/);
    await rejects(ctx, request({ code_challenge_method: 'S512' }), 'invalid_request', /must be S256/);
  });

  it('enforces the 43 to 128 character bounds', async () => {
    await rejects(ctx, request({ code_challenge: CHALLENGE.slice(0, 42) }), 'invalid_request', /too short/);
    await rejects(ctx, request({ code_challenge: 'a'.repeat(129) }), 'invalid_request', /"code_challenge" is too long/);
    await rejects(
      ctx,
      request({ client_id: 'plain-pkce', code_challenge: 'a'.repeat(42), code_challenge_method: 'plain' }),
      'invalid_request',
      /too short/,
    );
    await valid(
      ctx,
      request({ client_id: 'plain-pkce', code_challenge: 'a'.repeat(128), code_challenge_method: 'plain' }),
    );
  });

  it('requires an S256 challenge to be a base64url SHA-256', async () => {
    await rejects(ctx, request({ code_challenge: `${CHALLENGE}A` }), 'invalid_request', /43-character base64url/);
    await rejects(
      ctx,
      request({ code_challenge: `${CHALLENGE.slice(0, 42)}=` }),
      'invalid_request',
      /43-character base64url/,
    );
    await rejects(
      ctx,
      request({ client_id: 'plain-pkce', code_challenge: `${'a'.repeat(42)} `, code_challenge_method: 'plain' }),
      'invalid_request',
      /characters of a code verifier/,
    );
  });

  it('requires PKCE for hybrid flows but not for implicit ones', async () => {
    await rejects(
      ctx,
      request({
        client_id: 'hybrid',
        response_type: 'code id_token',
        nonce: 'n',
        code_challenge: undefined,
        code_challenge_method: undefined,
      }),
      'invalid_request',
      /"code_challenge" is required/,
    );
    await valid(
      ctx,
      request({
        client_id: 'implicit',
        response_type: 'id_token',
        nonce: 'n',
        code_challenge: undefined,
        code_challenge_method: undefined,
      }),
    );
  });
});
