import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import { dpopProof, newProofKey } from '../../../src/validation/common/dpop/proof.case.js';
import { Browser } from '../sign-in/browser.js';
import {
  authorizeParams,
  authorizeUrl,
  authorizeWithLogin,
  PKCE,
  responseParams,
  SPA_CALLBACK,
  signInFixture,
} from '../sign-in/fixture.js';
import { postForm, startServer, type TestServer } from '../support/start-server.js';

// RFC 9449 end to end, with oauth4webapi as the client: token endpoint binding, replay,
// requireDPoP, dpop_jkt codes from an interactive sign-in, and UserInfo with the DPoP scheme.
describe('DPoP (RFC 9449) with oauth4webapi', () => {
  let server: TestServer;
  let as: oauth.AuthorizationServer;
  const insecure = { [oauth.allowInsecureRequests]: true };
  const machine: oauth.Client = { client_id: 'machine' };
  const strict: oauth.Client = { client_id: 'strict' };
  const spa: oauth.Client = { client_id: 'spa' };

  before(async () => {
    const fixture = signInFixture();
    const m = { clientSecrets: [{ value: 'machine-secret' }], allowedGrantTypes: ['client_credentials'] };
    fixture.clients = [
      ...(fixture.clients ?? []),
      { clientId: 'machine', ...m, allowedScopes: ['api.read'] },
      { clientId: 'strict', ...m, allowedScopes: ['api.read'], requireDPoP: true },
    ];
    server = await startServer(fixture);
    const issuer = new URL(server.issuer);
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
  });
  after(() => server.close());

  const credentials = (client: oauth.Client, options: oauth.ClientCredentialsGrantRequestOptions = {}) =>
    oauth.clientCredentialsGrantRequest(
      as,
      client,
      oauth.ClientSecretPost('machine-secret'),
      { scope: 'api.read' },
      { ...insecure, ...options },
    );

  it('announces dpop_signing_alg_values_supported', () => {
    assert.ok(as.dpop_signing_alg_values_supported?.includes('ES256'));
  });

  it('binds a client_credentials token to the proof key: token_type DPoP and cnf.jkt', async () => {
    const keyPair = await oauth.generateKeyPair('ES256');
    const DPoP = oauth.DPoP(machine, keyPair);
    const tokens = await oauth.processClientCredentialsResponse(as, machine, await credentials(machine, { DPoP }));
    assert.equal(tokens.token_type, 'dpop');
    assert.deepEqual(decodeJwt(tokens.access_token).cnf, { jkt: await DPoP.calculateThumbprint() });
    const intro = await postForm(as.introspection_endpoint!, {
      token: tokens.access_token,
      client_id: 'machine',
      client_secret: 'machine-secret',
    });
    assert.equal(intro.body.active, true);
    assert.deepEqual(intro.body.cnf, { jkt: await DPoP.calculateThumbprint() });
    assert.equal(intro.body.token_type, 'DPoP');
  });

  it('answers invalid_dpop_proof to a replayed proof', async () => {
    const key = newProofKey();
    const proof = dpopProof(key, { htm: 'POST', htu: as.token_endpoint!, iat: Math.floor(Date.now() / 1000) });
    const form = { grant_type: 'client_credentials', client_id: 'machine', client_secret: 'machine-secret' };
    const first = await postForm(as.token_endpoint!, form, { dpop: proof });
    assert.equal(first.status, 200, first.text);
    assert.equal(first.body.token_type, 'DPoP');
    const replay = await postForm(as.token_endpoint!, form, { dpop: proof });
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_dpop_proof');
  });

  it('answers invalid_request to a requireDPoP client without a proof, and serves it with one', async () => {
    await assert.rejects(
      oauth.processClientCredentialsResponse(as, strict, await credentials(strict)),
      (e: oauth.ResponseBodyError) => e.error === 'invalid_request' && e.error_description === 'DPoP proof required',
    );
    const DPoP = oauth.DPoP(strict, await oauth.generateKeyPair('ES256'));
    const tokens = await oauth.processClientCredentialsResponse(as, strict, await credentials(strict, { DPoP }));
    assert.equal(tokens.token_type, 'dpop');
  });

  async function signIn(jkt: string): Promise<string> {
    const browser = new Browser(server.issuer);
    const done = await authorizeWithLogin(browser, authorizeUrl(server.issuer, { dpop_jkt: jkt }));
    assert.equal(done.status, 303, done.text.slice(0, 300));
    return done.location!;
  }

  const redeem = (location: string, DPoP: oauth.DPoPHandle) =>
    oauth.authorizationCodeGrantRequest(
      as,
      spa,
      oauth.None(),
      oauth.validateAuthResponse(as, spa, new URL(location), 'st-123'),
      SPA_CALLBACK,
      PKCE.verifier,
      { ...insecure, DPoP },
    );

  it('redeems a code requested with dpop_jkt with the same key only, and serves UserInfo over DPoP', async () => {
    const DPoP = oauth.DPoP(spa, await oauth.generateKeyPair('ES256'));
    const jkt = await DPoP.calculateThumbprint();

    const other = oauth.DPoP(spa, await oauth.generateKeyPair('ES256'));
    const refused = await redeem(await signIn(jkt), other);
    assert.equal(((await refused.json()) as { error: string }).error, 'invalid_grant');

    const location = await signIn(jkt);
    assert.ok(responseParams(location).get('code'));
    const tokens = await oauth.processAuthorizationCodeResponse(as, spa, await redeem(location, DPoP), {
      expectedNonce: 'n-456',
      requireIdToken: true,
    });
    assert.equal(tokens.token_type, 'dpop');
    assert.deepEqual(decodeJwt(tokens.access_token).cnf, { jkt });

    const info = await oauth.processUserInfoResponse(
      as,
      spa,
      'alice-id',
      await oauth.userInfoRequest(as, spa, tokens.access_token, { ...insecure, DPoP }),
    );
    assert.equal(info.sub, 'alice-id');

    // RFC 9449 §7.2: the bound token is no bearer token.
    const bearer = await fetch(as.userinfo_endpoint!, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    assert.equal(bearer.status, 401);
    assert.match(bearer.headers.get('www-authenticate') ?? '', /^DPoP error="invalid_token"/);

    // A proof by another key does not fit the binding.
    await assert.rejects(
      oauth.processUserInfoResponse(
        as,
        spa,
        'alice-id',
        await oauth.userInfoRequest(as, spa, tokens.access_token, { ...insecure, DPoP: other }),
      ),
      (e: oauth.WWWAuthenticateChallengeError) => e.status === 401 && e.cause[0]?.scheme === 'dpop',
    );
  });

  it('binds the code to the key of a DPoP proof sent with a pushed request (RFC 9449 §10.1)', async () => {
    const DPoP = oauth.DPoP(spa, await oauth.generateKeyPair('ES256'));
    const jkt = await DPoP.calculateThumbprint();
    // oauth4webapi adds client_id itself.
    const parameters = () => authorizeParams({ client_id: undefined });
    const other = oauth.DPoP(spa, await oauth.generateKeyPair('ES256'));
    /** Push with the proof of `DPoP`'s key (no dpop_jkt), then sign in through the pushed request. */
    const pushAndSignIn = async () => {
      const pushed = await oauth.processPushedAuthorizationResponse(
        as,
        spa,
        await oauth.pushedAuthorizationRequest(as, spa, oauth.None(), parameters(), { ...insecure, DPoP }),
      );
      const q = new URLSearchParams({ client_id: 'spa', request_uri: pushed.request_uri });
      const done = await authorizeWithLogin(new Browser(server.issuer), `${as.authorization_endpoint}?${q}`);
      assert.equal(done.status, 303, done.text.slice(0, 300));
      return done.location!;
    };
    // The code is bound to the PAR proof's key: another key cannot redeem it.
    const refusedCode = await redeem(await pushAndSignIn(), other);
    assert.equal(((await refusedCode.json()) as { error: string }).error, 'invalid_grant');
    const tokens = await oauth.processAuthorizationCodeResponse(as, spa, await redeem(await pushAndSignIn(), DPoP), {
      expectedNonce: 'n-456',
      requireIdToken: true,
    });
    assert.deepEqual(decodeJwt(tokens.access_token).cnf, { jkt });

    // dpop_jkt and a proof by another key in the same pushed request: refused.
    const mismatch = parameters();
    mismatch.set('dpop_jkt', jkt);
    const refused = await oauth.pushedAuthorizationRequest(as, spa, oauth.None(), mismatch, {
      ...insecure,
      DPoP: other,
    });
    assert.equal(refused.status, 400);
    assert.equal(((await refused.json()) as { error: string }).error, 'invalid_dpop_proof');
  });
});
