import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { handleKey } from '../../../src/crypto/handles.js';
import { atHash, cHash } from '../../../src/crypto/hash-claims.js';
import type { SigilEvent } from '../../../src/events/types.js';
import { readAuthorizationCodePayload } from '../../../src/tokens/authorization-code.js';
import { startServer, type TestServer } from '../support/start-server.js';
import { Browser, formFields } from './browser.js';
import {
  allowConsent,
  authorizeUrl,
  authorizeWithLogin,
  PKCE,
  responseParams,
  SPA_CALLBACK,
  signInFixture,
  WEB_CALLBACK,
} from './fixture.js';

describe('interactive sign-in with the authorization code flow', () => {
  let server: TestServer;
  const events: SigilEvent[] = [];
  before(async () => {
    server = await startServer(signInFixture(events));
  });
  after(() => server.close());

  async function codePayload(code: string) {
    const grant = await server.sigil.stores.grants.get(handleKey('authorization_code', code));
    assert.ok(grant, 'the code is stored');
    return { grant, payload: readAuthorizationCodePayload(server.sigil.context, grant.data) };
  }

  it('signs in through the login and consent pages and returns a code with state and iss', async () => {
    const browser = new Browser(server.issuer);
    events.length = 0;
    const url = authorizeUrl(server.issuer, {
      client_id: 'web',
      redirect_uri: WEB_CALLBACK,
      scope: 'openid profile api.read',
      resource: 'api',
      claims: '{"id_token":{"email":{"essential":true}}}',
    });
    const consent = await authorizeWithLogin(browser, url);
    assert.equal(consent.status, 200);
    assert.match(consent.text, /Web &lt;App&gt;/);
    assert.match(consent.text, /Read your data/);
    const done = await allowConsent(browser, consent);
    assert.equal(done.status, 303);
    assert.ok(done.location!.startsWith(`${WEB_CALLBACK}?`));
    const params = responseParams(done.location);
    assert.equal(params.get('state'), 'st-123');
    assert.equal(params.get('iss'), server.issuer);
    const code = params.get('code')!;
    assert.match(code, /^[A-Za-z0-9_-]{43}$/);

    const { grant, payload } = await codePayload(code);
    assert.equal(payload.clientId, 'web');
    assert.equal(payload.subjectId, 'alice-id');
    assert.equal(payload.redirectUri, WEB_CALLBACK);
    assert.deepEqual(payload.scopes, ['openid', 'profile', 'api.read']);
    assert.deepEqual(payload.resources, ['api']);
    assert.equal(payload.nonce, 'n-456');
    assert.equal(payload.state, 'st-123');
    assert.equal(payload.codeChallenge, PKCE.challenge);
    assert.equal(payload.codeChallengeMethod, 'S256');
    assert.deepEqual(payload.amr, ['pwd']);
    assert.equal(payload.idp, 'local');
    assert.deepEqual(payload.claimsRequest, { id_token: { email: { essential: true } } });
    assert.equal(payload.expiresAt - payload.createdAt, 300);
    assert.ok(payload.sessionId && payload.familyId && payload.authTime <= payload.createdAt);
    assert.equal(grant.sessionId, payload.sessionId);

    const names = events.map((e) => e.name);
    for (const n of ['UserLoginSuccess', 'ConsentGranted', 'TokenIssuedSuccess'])
      assert.ok(names.includes(n as never), n);
    const issued = events.find((e) => e.name === 'TokenIssuedSuccess') as Extract<
      SigilEvent,
      { name: 'TokenIssuedSuccess' }
    >;
    assert.equal(issued.endpoint, 'Authorize');
    assert.deepEqual(
      issued.tokens.map((t) => t.tokenType),
      ['authorization_code'],
    );
    assert.ok(!issued.tokens[0]!.tokenValue.includes(code));
    assert.ok(!JSON.stringify(events).includes('alice-pw'), 'the password never appears in an event');

    const sessions = await server.sigil.sessions.listSessions('alice-id');
    assert.equal(sessions.length, 1);
    assert.deepEqual(sessions[0]!.clientIds, ['web']);
    assert.equal(sessions[0]!.sessionId, payload.sessionId);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie on an http issuer, persistent only with remember me', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const session = browser.cookies.get('sigil.session')!;
    assert.match(session.attributes, /^Path=\/; HttpOnly; SameSite=Lax$/);

    const remembered = new Browser(server.issuer);
    const login = await remembered.follow(await remembered.get(authorizeUrl(server.issuer)));
    const fields = formFields(login.text, 'name="username"');
    await remembered.post(login.url, {
      ...fields,
      username: 'alice',
      password: 'alice-pw',
      rememberLogin: 'true',
      button: 'login',
    });
    assert.match(remembered.cookies.get('sigil.session')!.attributes, /Max-Age=36000; Expires=/);
  });

  it('answers prompt=none without a session with login_required, #_, state and iss', async () => {
    const page = await new Browser(server.issuer).get(authorizeUrl(server.issuer, { prompt: 'none' }));
    assert.equal(page.status, 303);
    assert.ok(page.location!.startsWith(`${SPA_CALLBACK}?`));
    assert.ok(page.location!.endsWith('#_'));
    const params = new URLSearchParams(new URL(page.location!).search);
    assert.equal(params.get('error'), 'login_required');
    assert.equal(params.get('state'), 'st-123');
    assert.equal(params.get('iss'), server.issuer);
  });

  it('answers prompt=none with a session with a code, and records each client once in the session', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const page = await browser.get(authorizeUrl(server.issuer, { prompt: 'none', state: 'again' }));
    assert.equal(page.status, 303);
    const params = responseParams(page.location);
    assert.ok(params.get('code'));
    assert.equal(params.get('state'), 'again');
    assert.equal(page.headers.getSetCookie().length, 0, 'no cookie rewrite for a client already in the session');
  });

  it('remembers consent when asked, and asks again for offline_access or prompt=consent', async () => {
    const browser = new Browser(server.issuer);
    const url = (o: Record<string, string> = {}) =>
      authorizeUrl(server.issuer, { client_id: 'web', redirect_uri: WEB_CALLBACK, scope: 'openid profile', ...o });
    const consent = await authorizeWithLogin(browser, url(), 'bob', 'bob-pw');
    assert.match(consent.text, /Remember my decision/);
    const first = await allowConsent(browser, consent, { remember: true });
    assert.ok(responseParams(first.location).get('code'));
    const second = await browser.get(url());
    assert.ok(responseParams(second.location).get('code'), 'remembered consent: straight back with a code');
    const none = await browser.get(url({ prompt: 'none' }));
    assert.ok(responseParams(none.location).get('code'));
    const forced = await browser.follow(await browser.get(url({ prompt: 'consent' })));
    assert.match(forced.url, /\/consent\?/);
    const offline = await browser.follow(await browser.get(url({ scope: 'openid offline_access' })));
    assert.match(offline.url, /\/consent\?/);
    assert.match(offline.text, /scope--emphasized[\s\S]*Offline access/);
    const offlineNone = await browser.get(url({ scope: 'openid offline_access', prompt: 'none' }));
    assert.equal(responseParams(offlineNone.location).get('error'), 'consent_required');
    const consents = await server.sigil.consents.list('bob-id');
    assert.deepEqual(
      consents.map((c) => [c.clientId, c.clientName, [...c.scopes]]),
      [['web', 'Web <App>', ['openid', 'profile']]],
    );
  });

  it('keeps required scopes and drops unchecked optional ones', async () => {
    const browser = new Browser(server.issuer);
    const consent = await authorizeWithLogin(
      browser,
      authorizeUrl(server.issuer, { client_id: 'web', redirect_uri: WEB_CALLBACK, scope: 'openid profile email' }),
    );
    assert.match(consent.text, /type="checkbox" id="[^"]+" value="openid" checked disabled/);
    const done = await allowConsent(browser, consent, { scopes: ['email'] });
    const { payload } = await codePayload(responseParams(done.location).get('code')!);
    assert.deepEqual(payload.scopes, ['openid', 'email']);
  });

  it('sends access_denied to the client when the user denies consent or cancels the login', async () => {
    const browser = new Browser(server.issuer);
    const consent = await authorizeWithLogin(
      browser,
      authorizeUrl(server.issuer, { client_id: 'web', redirect_uri: WEB_CALLBACK, scope: 'openid api.read' }),
    );
    events.length = 0;
    const denied = await browser.follow(
      await browser.post(consent.url, { ...formFields(consent.text), decision: 'deny' }),
    );
    const params = responseParams(denied.location);
    assert.equal(params.get('error'), 'access_denied');
    assert.equal(params.get('state'), 'st-123');
    assert.ok(denied.location!.endsWith('#_'));
    assert.ok(events.some((e) => e.name === 'ConsentDenied'));

    const other = new Browser(server.issuer);
    const login = await other.follow(await other.get(authorizeUrl(server.issuer)));
    const cancelled = await other.follow(
      await other.post(login.url, { ...formFields(login.text, 'name="username"'), button: 'cancel' }),
    );
    assert.equal(responseParams(cancelled.location).get('error'), 'access_denied');
    assert.equal(other.cookies.has('sigil.session'), false);
  });

  it('forces a new login for prompt=login and max_age=0, then continues', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    for (const extra of [{ prompt: 'login' }, { max_age: '0' }]) {
      const page = await browser.follow(await browser.get(authorizeUrl(server.issuer, extra)));
      assert.match(page.url, /\/account\/login\?/, JSON.stringify(extra));
      const posted = await browser.post(page.url, {
        ...formFields(page.text, 'name="username"'),
        username: 'alice',
        password: 'alice-pw',
        button: 'login',
      });
      const done = await browser.follow(posted);
      assert.ok(responseParams(done.location).get('code'), JSON.stringify(extra));
    }
    const page = await browser.get(authorizeUrl(server.issuer, { max_age: '3600' }));
    assert.ok(responseParams(page.location).get('code'), 'a recent login satisfies max_age');
  });

  it('offers to continue as the current user for prompt=select_account', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const page = await browser.follow(await browser.get(authorizeUrl(server.issuer, { prompt: 'select_account' })));
    assert.match(page.text, /You are signed in as <strong>Alice Smith<\/strong>/);
    const continued = await browser.follow(
      await browser.post(page.url, { ...formFields(page.text, 'value="continue"'), button: 'continue' }),
    );
    assert.ok(responseParams(continued.location).get('code'));
  });

  it('switches accounts for prompt=select_account when another user signs in', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const page = await browser.follow(await browser.get(authorizeUrl(server.issuer, { prompt: 'select_account' })));
    const posted = await browser.post(page.url, {
      ...formFields(page.text, 'name="username"'),
      username: 'bob',
      password: 'bob-pw',
      button: 'login',
    });
    const done = await browser.follow(posted);
    const { payload } = await codePayload(responseParams(done.location).get('code')!);
    assert.equal(payload.subjectId, 'bob-id');
  });

  it('prefills the login page with login_hint', async () => {
    const page = await new Browser(server.issuer).follow(
      await new Browser(server.issuer).get(authorizeUrl(server.issuer, { login_hint: 'alice"><b>' })),
    );
    assert.match(page.text, /id="username" name="username" value="alice&quot;&gt;&lt;b&gt;"/);
  });

  it('delivers the response in the fragment or as an auto-submitting form_post page without inline script', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const fragment = await browser.get(authorizeUrl(server.issuer, { response_mode: 'fragment' }));
    assert.match(fragment.location!, /^https:\/\/spa\.test\/cb#code=[^&]+&state=st-123&iss=/);
    const post = await browser.get(authorizeUrl(server.issuer, { response_mode: 'form_post' }));
    assert.equal(post.status, 200);
    const csp = post.headers.get('content-security-policy')!;
    assert.ok(!csp.includes('unsafe-inline'));
    assert.match(csp, new RegExp(`script-src ${server.issuer}/ui/form-post\\.js;`));
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(post.headers.get('referrer-policy'), 'no-referrer');
    assert.match(post.text, /<form method="post" id="sigil-form-post" action="https:\/\/spa\.test\/cb">/);
    assert.match(post.text, /<input type="hidden" name="code" value="[A-Za-z0-9_-]{43}">/);
    assert.match(post.text, /name="state" value="st-123"/);
    assert.match(post.text, /<button class="btn btn--primary" type="submit">Continue<\/button>/);
    assert.match(post.text, /<script src="\/ui\/form-post\.js"><\/script>/);
    assert.ok(!/<script>/.test(post.text), 'no inline script');
    const script = await browser.get('/ui/form-post.js');
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type')!, /^text\/javascript/);
    assert.match(script.text, /getElementById\('sigil-form-post'\)\?\.submit\(\)/);
  });

  it('lets a native client use any loopback port', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const page = await browser.follow(
      await browser.get(
        authorizeUrl(server.issuer, {
          client_id: 'cli',
          redirect_uri: 'http://127.0.0.1:61234/callback',
          scope: 'openid',
        }),
      ),
    );
    assert.ok(page.location!.startsWith('http://127.0.0.1:61234/callback?code='));
  });

  it('accepts the authorization request as a POSTed form', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const q = Object.fromEntries(new URL(authorizeUrl(server.issuer)).searchParams);
    const page = await browser.post(`${server.issuer}/connect/authorize`, q);
    assert.ok(responseParams(page.location).get('code'));
    const wrongType = await browser.post(`${server.issuer}/connect/authorize`, q, {
      'content-type': 'application/json',
    });
    assert.equal(wrongType.status, 415);
    const put = await fetch(`${server.issuer}/connect/authorize`, { method: 'PUT' });
    assert.equal(put.status, 405);
  });

  async function jwks() {
    return createRemoteJWKSet(new URL(`${server.issuer}/.well-known/openid-configuration/jwks`));
  }

  it('answers an implicit id_token token request in the fragment with a nonce-bound ID token and its at_hash', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const res = await browser.get(
      authorizeUrl(server.issuer, {
        client_id: 'implicit',
        redirect_uri: 'https://implicit.test/cb',
        response_type: 'id_token token',
        scope: 'openid profile api.read',
        code_challenge: undefined,
        code_challenge_method: undefined,
      }),
    );
    assert.equal(res.status, 303);
    const location = new URL(res.location!);
    assert.equal(location.search, '');
    const p = new URLSearchParams(location.hash.slice(1));
    assert.equal(p.get('token_type'), 'Bearer');
    assert.equal(p.get('state'), 'st-123');
    assert.equal(p.get('iss'), server.issuer);
    const accessToken = p.get('access_token')!;
    const { payload } = await jwtVerify(p.get('id_token')!, await jwks(), {
      issuer: server.issuer,
      audience: 'implicit',
    });
    assert.equal(payload.nonce, 'n-456');
    assert.equal(payload.sub, 'alice-id');
    assert.equal(payload.at_hash, atHash(accessToken, 'RS256'));
    assert.equal(payload.name, undefined, 'user claims travel in the access token, not the ID token');
    const at = await jwtVerify(accessToken, await jwks(), { issuer: server.issuer, typ: 'at+jwt' });
    assert.equal(at.payload.client_id, 'implicit');
  });

  it('puts user claims into an ID token that travels alone (response_type id_token)', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const res = await browser.get(
      authorizeUrl(server.issuer, {
        client_id: 'implicit',
        redirect_uri: 'https://implicit.test/cb',
        response_type: 'id_token',
        scope: 'openid profile',
        code_challenge: undefined,
        code_challenge_method: undefined,
      }),
    );
    const p = new URLSearchParams(new URL(res.location!).hash.slice(1));
    assert.equal(p.get('access_token'), null);
    const { payload } = await jwtVerify(p.get('id_token')!, await jwks(), { issuer: server.issuer });
    assert.equal(payload.name, 'Alice Smith');
    assert.equal(payload.at_hash, undefined);
  });

  it('answers a hybrid code id_token request with a c_hash-bound ID token whose code redeems at the token endpoint', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const consent = await browser.get(
      authorizeUrl(server.issuer, {
        client_id: 'hybrid',
        redirect_uri: 'https://hybrid.test/cb',
        response_type: 'code id_token',
        scope: 'openid profile',
      }),
    );
    const res = consent.status === 200 ? await allowConsent(browser, consent) : consent;
    const p = new URLSearchParams(new URL(res.location!).hash.slice(1));
    const code = p.get('code')!;
    const { payload } = await jwtVerify(p.get('id_token')!, await jwks(), {
      issuer: server.issuer,
      audience: 'hybrid',
    });
    assert.equal(payload.c_hash, cHash(code, 'RS256'));
    assert.equal(payload.nonce, 'n-456');
    const token = await fetch(`${server.issuer}/connect/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('hybrid:hybrid-secret').toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'https://hybrid.test/cb',
        code_verifier: PKCE.verifier,
      }),
    });
    assert.equal(token.status, 200, await token.clone().text());
    const body = (await token.json()) as { id_token: string };
    const fromToken = await jwtVerify(body.id_token, await jwks(), { issuer: server.issuer, audience: 'hybrid' });
    assert.equal(fromToken.payload.sid, payload.sid);
  });
});
