import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import { postForm, startServer, type TestServer } from '../support/start-server.js';
import { issueCode, SECRETS, tokensFixture } from './fixture.js';

describe('sign-in tokens with oauth4webapi', () => {
  let server: TestServer;
  let as: oauth.AuthorizationServer;
  const insecure = { [oauth.allowInsecureRequests]: true };
  before(async () => {
    server = await startServer(tokensFixture());
    const issuer = new URL(server.issuer);
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
  });
  after(() => server.close());

  async function redeem(
    clientId: string,
    auth: oauth.ClientAuth,
    code: string,
    verifier: string | typeof oauth.nopkce,
  ) {
    const c: oauth.Client = { client_id: clientId };
    const params = oauth.validateAuthResponse(
      as,
      c,
      new URL(`https://x.example/cb?code=${code}&iss=${encodeURIComponent(as.issuer)}`),
      oauth.skipStateCheck,
    );
    return oauth.authorizationCodeGrantRequest(
      as,
      c,
      auth,
      params,
      `https://${clientId}.example/cb`,
      verifier,
      insecure,
    );
  }

  it('lets a public client redeem a code, call UserInfo and refresh', async () => {
    const verifier = oauth.generateRandomCodeVerifier();
    const code = await issueCode(server.sigil.context, 'spa', {
      nonce: 'n-0S6_WzA2Mj',
      codeChallenge: await oauth.calculatePKCECodeChallenge(verifier),
      codeChallengeMethod: 'S256',
    });
    const c: oauth.Client = { client_id: 'spa' };
    const res = await redeem('spa', oauth.None(), code, verifier);
    const tokens = await oauth.processAuthorizationCodeResponse(as, c, res, {
      expectedNonce: 'n-0S6_WzA2Mj',
      requireIdToken: true,
    });
    const claims = oauth.getValidatedIdTokenClaims(tokens)!;
    assert.equal(claims.sub, 'alice');
    const info = await oauth.processUserInfoResponse(
      as,
      c,
      'alice',
      await oauth.userInfoRequest(as, c, tokens.access_token, insecure),
    );
    assert.equal(info.email, 'alice@example.com');
    const refreshed = await oauth.processRefreshTokenResponse(
      as,
      c,
      await oauth.refreshTokenGrantRequest(as, c, oauth.None(), tokens.refresh_token!, insecure),
    );
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
    assert.equal(oauth.getValidatedIdTokenClaims(refreshed)!.auth_time, claims.auth_time);
  });

  it('refuses a code_verifier for a code issued without a challenge (PKCE downgrade)', async () => {
    const code = await issueCode(server.sigil.context, 'legacy');
    const res = await redeem('legacy', oauth.ClientSecretPost(SECRETS.web), code, oauth.generateRandomCodeVerifier());
    await assert.rejects(
      oauth.processAuthorizationCodeResponse(as, { client_id: 'legacy' }, res),
      (e: oauth.ResponseBodyError) => e.error === 'invalid_grant',
    );
    const ok = await redeem('legacy', oauth.ClientSecretPost(SECRETS.web), code, oauth.nopkce);
    assert.equal(ok.status, 200, 'the failed attempt did not consume the code');
  });

  it('refuses a code without its verifier and a code without a challenge for a client that requires PKCE', async () => {
    const verifier = oauth.generateRandomCodeVerifier();
    const withChallenge = await issueCode(server.sigil.context, 'web', {
      codeChallenge: await oauth.calculatePKCECodeChallenge(verifier),
      codeChallengeMethod: 'S256',
    });
    const missing = await redeem('web', oauth.ClientSecretBasic(SECRETS.web), withChallenge, oauth.nopkce);
    assert.equal(((await missing.json()) as { error: string }).error, 'invalid_grant');
    const noChallenge = await issueCode(server.sigil.context, 'web');
    const r = await redeem('web', oauth.ClientSecretBasic(SECRETS.web), noChallenge, oauth.nopkce);
    assert.equal(((await r.json()) as { error: string }).error, 'invalid_grant');
  });

  it('lets the API introspect a user access token, and answers UserInfo 403 without openid', async () => {
    const code = await issueCode(server.sigil.context, 'legacy', { scopes: ['orders.read'] });
    const res = await redeem('legacy', oauth.ClientSecretPost(SECRETS.web), code, oauth.nopkce);
    const tokens = await oauth.processAuthorizationCodeResponse(as, { client_id: 'legacy' }, res);
    const api: oauth.Client = { client_id: 'orders' };
    const intro = await oauth.processIntrospectionResponse(
      as,
      api,
      await oauth.introspectionRequest(as, api, oauth.ClientSecretBasic(SECRETS.api), tokens.access_token, insecure),
    );
    assert.equal(intro.active, true);
    assert.equal(intro.sub, 'alice');
    assert.equal(intro.role, 'admin');
    const c: oauth.Client = { client_id: 'legacy' };
    await assert.rejects(
      oauth.processUserInfoResponse(as, c, 'alice', await oauth.userInfoRequest(as, c, tokens.access_token, insecure)),
      (e: oauth.WWWAuthenticateChallengeError) =>
        e.status === 403 && e.cause[0]?.parameters.error === 'insufficient_scope',
    );
  });

  it('answers UserInfo for a token in a POST body, and refuses a token sent twice', async () => {
    const code = await issueCode(server.sigil.context, 'legacy');
    const res = await redeem('legacy', oauth.ClientSecretPost(SECRETS.web), code, oauth.nopkce);
    const tokens = await oauth.processAuthorizationCodeResponse(as, { client_id: 'legacy' }, res);
    const url = `${server.issuer}/connect/userinfo`;
    const body = await postForm(url, { access_token: tokens.access_token });
    assert.equal(body.status, 200);
    assert.equal(body.body.sub, 'alice');
    const both = await postForm(
      url,
      { access_token: tokens.access_token },
      { authorization: `Bearer ${tokens.access_token}` },
    );
    assert.equal(both.status, 400);
    assert.match(both.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_request"/);
  });
});
