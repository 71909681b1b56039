import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as oauth from 'oauth4webapi';
import { Browser } from '../sign-in/browser.js';
import { allowConsent, authorizeWithLogin, signInFixture, WEB_CALLBACK } from '../sign-in/fixture.js';
import { postForm, startServer, type TestServer } from '../support/start-server.js';

const PAR_ONLY_CALLBACK = 'https://par-only.test/cb';

/** The sign-in fixture plus a confidential client that must push its requests. */
function parFixture(clock: { offset: number }, pushedAuthorization?: { required: boolean }) {
  const base = signInFixture();
  return {
    ...base,
    now: () => Math.floor(Date.now() / 1000) + clock.offset,
    pushedAuthorization,
    clients: [
      ...(base.clients ?? []),
      {
        clientId: 'par-only',
        clientSecrets: [{ value: 'par-secret' }],
        allowedGrantTypes: ['authorization_code'],
        redirectUris: [PAR_ONLY_CALLBACK],
        allowedScopes: ['openid', 'profile'],
        requirePushedAuthorization: true,
        pushedAuthorizationLifetime: 60,
      },
    ],
  };
}

// RFC 9126: the PAR endpoint (§2), its use at the authorize endpoint (§4), metadata (§5)
describe('pushed authorization requests', () => {
  let server: TestServer;
  let as: oauth.AuthorizationServer;
  const clock = { offset: 0 };
  const insecure = { [oauth.allowInsecureRequests]: true };
  const web: oauth.Client = { client_id: 'web' };
  const webAuth = oauth.ClientSecretBasic('web-secret');
  let par: string;

  before(async () => {
    server = await startServer(parFixture(clock));
    const issuer = new URL(server.issuer);
    as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
    par = `${server.issuer}/connect/par`;
  });
  after(() => server.close());

  /** Push a request of `web` with `params` over the defaults; returns the HTTP response. */
  async function push(
    params: Record<string, string> = {},
    client: oauth.Client = web,
    auth: oauth.ClientAuth = webAuth,
  ): Promise<Response> {
    return oauth.pushedAuthorizationRequest(
      as,
      client,
      auth,
      {
        redirect_uri: WEB_CALLBACK,
        response_type: 'code',
        scope: 'openid profile',
        state: 'st-par',
        nonce: 'n-par',
        code_challenge: await oauth.calculatePKCECodeChallenge('v'.repeat(43)),
        code_challenge_method: 'S256',
        ...params,
      },
      insecure,
    );
  }

  async function pushed(params: Record<string, string> = {}): Promise<oauth.PushedAuthorizationResponse> {
    return oauth.processPushedAuthorizationResponse(as, web, await push(params));
  }

  function authorizeAt(clientId: string, requestUri: string, extra: Record<string, string> = {}): string {
    const q = new URLSearchParams({ client_id: clientId, request_uri: requestUri, ...extra });
    return `${as.authorization_endpoint}?${q}`;
  }

  /** The answer to `url` must be our error page (never the client), showing `code`. */
  async function expectErrorPage(url: string, code: RegExp, browser = new Browser(server.issuer)) {
    const first = await browser.get(url);
    assert.equal(first.status, 303, first.text.slice(0, 300));
    assert.ok(first.location?.startsWith(`${server.issuer}/error?errorId=`), first.location);
    const page = await browser.follow(first);
    assert.equal(page.status, 400);
    assert.match(page.text, code);
  }

  async function expectJsonError(
    res: { status: number; body: Record<string, unknown> },
    status: number,
    error: string,
  ) {
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.equal(res.body.error, error);
  }

  it('advertises the PAR endpoint in discovery, not requiring it by default', () => {
    assert.equal(as.pushed_authorization_request_endpoint, par);
    assert.equal(as.require_pushed_authorization_requests, undefined);
  });

  it('pushes with oauth4webapi, signs in through login and consent, and redeems the code', async () => {
    const verifier = oauth.generateRandomCodeVerifier();
    const res = await push({
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      resource: 'api',
      scope: 'openid profile api.read',
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const { request_uri, expires_in } = await oauth.processPushedAuthorizationResponse(as, web, res);
    assert.match(request_uri, /^urn:ietf:params:oauth:request_uri:[A-Za-z0-9_-]{43}$/);
    assert.equal(expires_in, 600);

    const browser = new Browser(server.issuer);
    // Parameters besides client_id and request_uri are ignored (RFC 9126 §4).
    const consent = await authorizeWithLogin(
      browser,
      authorizeAt('web', request_uri, { state: 'evil', redirect_uri: 'https://evil.test/cb' }),
    );
    const done = await allowConsent(browser, consent);
    assert.equal(done.status, 303);
    assert.ok(done.location?.startsWith(`${WEB_CALLBACK}?`), done.location);
    const callback = oauth.validateAuthResponse(as, web, new URL(done.location!), 'st-par');
    const tokens = await oauth.processAuthorizationCodeResponse(
      as,
      web,
      await oauth.authorizationCodeGrantRequest(as, web, webAuth, callback, WEB_CALLBACK, verifier, insecure),
      { expectedNonce: 'n-par', requireIdToken: true },
    );
    assert.equal(oauth.getValidatedIdTokenClaims(tokens)!.sub, 'alice-id');
    assert.match(tokens.scope ?? '', /api\.read/);

    // The request_uri was consumed by the first visit: a replay lands on the error page.
    await expectErrorPage(authorizeAt('web', request_uri), /already used/, browser);
  });

  it('lets a client that must push sign in with a pushed request, and refuses it without one', async () => {
    const client: oauth.Client = { client_id: 'par-only' };
    const auth = oauth.ClientSecretPost('par-secret');
    const verifier = oauth.generateRandomCodeVerifier();
    const res = await push(
      { redirect_uri: PAR_ONLY_CALLBACK, code_challenge: await oauth.calculatePKCECodeChallenge(verifier) },
      client,
      auth,
    );
    const { request_uri, expires_in } = await oauth.processPushedAuthorizationResponse(as, client, res);
    assert.equal(expires_in, 60);
    const browser = new Browser(server.issuer);
    const done = await authorizeWithLogin(browser, authorizeAt('par-only', request_uri));
    assert.ok(done.location?.startsWith(`${PAR_ONLY_CALLBACK}?`), done.location);
    const callback = oauth.validateAuthResponse(as, client, new URL(done.location!), 'st-par');
    const tokenRes = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      auth,
      callback,
      PAR_ONLY_CALLBACK,
      verifier,
      insecure,
    );
    await oauth.processAuthorizationCodeResponse(as, client, tokenRes, { expectedNonce: 'n-par' });

    // The same request sent directly is refused on the error page, even with a session.
    const direct = new URLSearchParams({
      client_id: 'par-only',
      redirect_uri: PAR_ONLY_CALLBACK,
      response_type: 'code',
      scope: 'openid',
      code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    await expectErrorPage(`${as.authorization_endpoint}?${direct}`, /must be pushed/, browser);
  });

  it('refuses an expired request_uri on the error page', async () => {
    const { request_uri } = await pushed();
    clock.offset += 601;
    try {
      await expectErrorPage(authorizeAt('web', request_uri), /expired/);
    } finally {
      clock.offset -= 601;
    }
  });

  it("refuses another client's request_uri, an unknown urn and a request_uri that is not a urn", async () => {
    const { request_uri } = await pushed();
    await expectErrorPage(authorizeAt('spa', request_uri), /unknown, expired or was already used/);
    // Presented by the wrong client, it stays usable by the client that pushed it (once).
    const mine = await new Browser(server.issuer).get(authorizeAt('web', request_uri));
    assert.equal(mine.status, 303);
    assert.match(mine.location ?? '', /\/account\/login\?returnUrl=/);
    await expectErrorPage(authorizeAt('web', request_uri), /already used/);
    await expectErrorPage(authorizeAt('web', `urn:ietf:params:oauth:request_uri:${'A'.repeat(43)}`), /unknown/);
    await expectErrorPage(authorizeAt('web', 'https://client.test/request.jwt'), /request_uri_not_supported/);
    await expectErrorPage(`${as.authorization_endpoint}?request_uri=${encodeURIComponent(request_uri)}`, /client_id/);
  });

  it('refuses a push without client authentication or with a wrong secret, as the token endpoint does', async () => {
    const form = { response_type: 'code', redirect_uri: WEB_CALLBACK, scope: 'openid', client_id: 'web' };
    await expectJsonError(await postForm(par, form), 400, 'invalid_client');
    const basic = `Basic ${Buffer.from('web:wrong').toString('base64')}`;
    const wrong = await postForm(par, form, { authorization: basic });
    await expectJsonError(wrong, 401, 'invalid_client');
    assert.match(wrong.headers.get('www-authenticate') ?? '', /^Basic/);
    await expectJsonError(await postForm(par, { ...form, client_secret: 'wrong' }), 400, 'invalid_client');
    // A client_id in the body must name the authenticated client.
    await expectJsonError(
      await postForm(
        par,
        { ...form, client_id: 'spa' },
        {
          authorization: basic.replace(
            Buffer.from('web:wrong').toString('base64'),
            Buffer.from('web:web-secret').toString('base64'),
          ),
        },
      ),
      400,
      'invalid_request',
    );
  });

  it('answers validation errors as JSON, never as redirects', async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ request_uri: 'urn:ietf:params:oauth:request_uri:abc' }, 'invalid_request', /"request_uri"/],
      [{ redirect_uri: 'https://evil.test/cb' }, 'invalid_request', /"redirect_uri"/],
      [{ response_type: 'token' }, 'unauthorized_client', /"token"/],
      [{ response_type: 'nonsense' }, 'unsupported_response_type', /./],
      [{ scope: 'openid admin' }, 'invalid_scope', /./],
      [{ code_challenge_method: 'plain' }, 'invalid_request', /code_challenge_method/],
    ];
    for (const [params, error, description] of cases) {
      const res = await push(params);
      assert.equal(res.status, 400, JSON.stringify(params));
      assert.equal(res.headers.get('location'), null);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      const body = (await res.json()) as Record<string, string>;
      assert.equal(body.error, error, JSON.stringify(body));
      assert.match(body.error_description!, description);
    }
  });

  it('refuses repeated parameters, other media types and methods, and oversized bodies', async () => {
    const auth = { authorization: `Basic ${Buffer.from('web:web-secret').toString('base64')}` };
    const repeated = 'response_type=code&redirect_uri=https%3A%2F%2Fclient.test%2Fcb&scope=openid&scope=profile';
    const rep = await postForm(par, repeated, auth);
    await expectJsonError(rep, 400, 'invalid_request');
    assert.match(String(rep.body.error_description), /"scope" must not be repeated/);
    await expectJsonError(
      await postForm(par, `${repeated.slice(0, 18)}&client_id=web&client_id=web`, auth),
      400,
      'invalid_request',
    );
    const json = await fetch(par, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(json.status, 415);
    const get = await fetch(par, { headers: auth });
    assert.equal(get.status, 405);
    const big = await postForm(par, { state: 'x'.repeat(70 * 1024) }, auth);
    assert.equal(big.status, 413);
  });
});

describe('pushed authorization required for every client', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(parFixture({ offset: 0 }, { required: true }));
  });
  after(() => server.close());

  it('advertises require_pushed_authorization_requests and refuses a request that was not pushed', async () => {
    const doc = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    assert.equal(doc.require_pushed_authorization_requests, true);
    const q = new URLSearchParams({
      client_id: 'spa',
      redirect_uri: 'https://spa.test/cb',
      response_type: 'code',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const browser = new Browser(server.issuer);
    const first = await browser.get(`${server.issuer}/connect/authorize?${q}`);
    assert.ok(first.location?.startsWith(`${server.issuer}/error?errorId=`), first.location);
    const page = await browser.follow(first);
    assert.match(page.text, /invalid_request/);
    assert.match(page.text, /must be pushed/);
  });
});
