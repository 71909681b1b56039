import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { startServer, type TestServer } from '../support/start-server.js';
import { issueCode, SECRETS, tokensFixture, USERS } from './fixture.js';

describe('sign-in tokens with openid-client', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(tokensFixture());
  });
  after(() => server.close());

  function configure(clientId: string, auth: client.ClientAuth, metadata: Partial<client.ClientMetadata> = {}) {
    return client.discovery(new URL(server.issuer), clientId, metadata, auth, {
      execute: [client.allowInsecureRequests],
    });
  }

  /** Issue a code with PKCE and nonce and redeem it through a crafted callback URL. */
  async function signIn(config: client.Configuration, clientId: string) {
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const state = client.randomState();
    const code = await issueCode(server.sigil.context, clientId, {
      nonce,
      codeChallenge: await client.calculatePKCECodeChallenge(verifier),
      codeChallengeMethod: 'S256',
    });
    const callback = new URL(`https://${clientId}.example/cb`);
    callback.search = new URLSearchParams({ code, state, iss: server.issuer }).toString();
    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedNonce: nonce,
      expectedState: state,
      idTokenExpected: true,
    });
    return { tokens, callback, verifier, nonce, state };
  }

  it('redeems a code with PKCE, then reads UserInfo, refreshes, introspects and revokes', async () => {
    const config = await configure('web', client.ClientSecretBasic(SECRETS.web));
    const { tokens } = await signIn(config, 'web');
    const idClaims = tokens.claims()!;
    assert.equal(idClaims.sub, 'alice');
    assert.equal(idClaims.sid, 'e2e-session');
    assert.deepEqual(idClaims.amr, ['pwd']);
    const jwks = createRemoteJWKSet(new URL(`${server.issuer}/.well-known/openid-configuration/jwks`));
    const { payload } = await jwtVerify(tokens.id_token!, jwks, { issuer: server.issuer, audience: 'web' });
    const digest = createHash('sha256').update(tokens.access_token).digest();
    assert.equal(payload.at_hash, digest.subarray(0, 16).toString('base64url'));

    const userinfo = await client.fetchUserInfo(config, tokens.access_token, 'alice');
    assert.deepEqual(userinfo, { sub: 'alice', name: 'Alice', email: 'alice@example.com', email_verified: true });

    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
    assert.notEqual(refreshed.refresh_token, tokens.refresh_token, 'rotated');
    assert.equal(refreshed.claims()!.auth_time, idClaims.auth_time);
    assert.equal(refreshed.claims()!.nonce, undefined);

    const at = await client.tokenIntrospection(config, refreshed.access_token);
    assert.equal(at.active, true);
    assert.equal(at.sub, 'alice');
    assert.equal(at.client_id, 'web');
    const rt = await client.tokenIntrospection(config, refreshed.refresh_token!, { token_type_hint: 'refresh_token' });
    assert.equal(rt.active, true);
    assert.equal(rt.scope, 'openid profile email orders.read offline_access');

    await client.tokenRevocation(config, refreshed.refresh_token!);
    await assert.rejects(client.refreshTokenGrant(config, refreshed.refresh_token!), (e: client.ResponseBodyError) => {
      assert.equal(e.error, 'invalid_grant');
      return true;
    });
  });

  it('signs ID tokens with the algorithm the client is configured for', async () => {
    const config = await configure('ref', client.ClientSecretPost(SECRETS.ref), {
      id_token_signed_response_alg: 'ES256',
    });
    const { tokens } = await signIn(config, 'ref');
    assert.equal(decodeProtectedHeader(tokens.id_token!).alg, 'ES256');
  });

  it('refuses a replayed code and revokes what it yielded', async () => {
    const config = await configure('ref', client.ClientSecretPost(SECRETS.ref), {
      id_token_signed_response_alg: 'ES256',
    });
    const first = await signIn(config, 'ref');
    assert.equal((await client.tokenIntrospection(config, first.tokens.access_token)).active, true);
    await assert.rejects(
      client.authorizationCodeGrant(config, first.callback, {
        pkceCodeVerifier: first.verifier,
        expectedNonce: first.nonce,
        expectedState: first.state,
      }),
      (e: client.ResponseBodyError) => e.error === 'invalid_grant',
    );
    assert.equal((await client.tokenIntrospection(config, first.tokens.access_token)).active, false);
    await assert.rejects(client.refreshTokenGrant(config, first.tokens.refresh_token!));
  });

  it("refuses another client's code", async () => {
    const web = await configure('web', client.ClientSecretBasic(SECRETS.web));
    const verifier = client.randomPKCECodeVerifier();
    const code = await issueCode(server.sigil.context, 'ref', {
      codeChallenge: await client.calculatePKCECodeChallenge(verifier),
      codeChallengeMethod: 'S256',
      redirectUri: 'https://web.example/cb',
    });
    const callback = new URL(`https://web.example/cb?code=${code}&iss=${encodeURIComponent(server.issuer)}`);
    await assert.rejects(
      client.authorizationCodeGrant(web, callback, { pkceCodeVerifier: verifier }),
      (e: client.ResponseBodyError) => e.error === 'invalid_grant',
    );
  });

  it('gives a public client working successors for two refreshes at once inside the grace window', async () => {
    const config = await configure('spa', client.None());
    const { tokens } = await signIn(config, 'spa');
    const [a, b] = await Promise.all([
      client.refreshTokenGrant(config, tokens.refresh_token!),
      client.refreshTokenGrant(config, tokens.refresh_token!),
    ]);
    assert.notEqual(a.refresh_token, b.refresh_token);
    await client.refreshTokenGrant(config, a.refresh_token!);
    await client.refreshTokenGrant(config, b.refresh_token!);
  });

  it('answers UserInfo with a challenge for an inactive user', async () => {
    const config = await configure('web', client.ClientSecretBasic(SECRETS.web));
    const { tokens } = await signIn(config, 'web');
    USERS.get('alice')!.active = false;
    try {
      await assert.rejects(
        client.fetchUserInfo(config, tokens.access_token, 'alice'),
        (e: client.WWWAuthenticateChallengeError) => {
          assert.equal(e.status, 401);
          assert.equal(e.cause[0]?.parameters.error, 'invalid_token');
          return true;
        },
      );
    } finally {
      USERS.get('alice')!.active = true;
    }
  });
});
