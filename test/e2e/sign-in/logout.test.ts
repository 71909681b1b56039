import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { SigilEvent } from '../../../src/events/types.js';
import { basic, postForm, startServer, type TestServer } from '../support/start-server.js';
import { Browser, formFields, type Page } from './browser.js';
import {
  allowConsent,
  authorizeUrl,
  authorizeWithLogin,
  PKCE,
  responseParams,
  signInFixture,
  WEB_CALLBACK,
} from './fixture.js';
import { type LogoutReceiver, startLogoutReceiver } from './logout-receiver.js';

const WEB_SIGNED_OUT = 'https://client.test/signed-out';
const WEB_FRONT_CHANNEL = 'https://client.test/front-channel-logout';
const SPA_SIGNED_OUT = 'https://spa.test/';

describe('logout: RP-initiated, back-channel and front-channel (OpenID Connect logout specs)', () => {
  let server: TestServer;
  let receiver: LogoutReceiver;
  const events: SigilEvent[] = [];

  before(async () => {
    receiver = await startLogoutReceiver();
    const options = signInFixture(events);
    options.clients = options.clients!.map((c) => {
      if (c.clientId === 'web')
        return {
          ...c,
          postLogoutRedirectUris: [WEB_SIGNED_OUT],
          frontChannelLogoutUri: WEB_FRONT_CHANNEL,
          backChannelLogoutUri: `${receiver.url}/backchannel`,
        };
      if (c.clientId === 'spa') return { ...c, postLogoutRedirectUris: [SPA_SIGNED_OUT] };
      return c;
    });
    options.authentication = { ...options.authentication, backChannelLogoutTimeout: 1, backChannelLogoutAttempts: 3 };
    server = await startServer(options);
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  /** Sign alice in to `web` and redeem the code: the browser (with its session) and the ID token. */
  async function signedInToWeb(browser = new Browser(server.issuer)) {
    const url = authorizeUrl(server.issuer, { client_id: 'web', redirect_uri: WEB_CALLBACK, scope: 'openid profile' });
    let page = await authorizeWithLogin(browser, url);
    if (page.url.includes('/consent')) page = await allowConsent(browser, page);
    const code = responseParams(page.location).get('code')!;
    const token = await postForm(
      `${server.issuer}/connect/token`,
      { grant_type: 'authorization_code', code, redirect_uri: WEB_CALLBACK, code_verifier: PKCE.verifier },
      { authorization: basic('web', 'web-secret') },
    );
    assert.equal(token.status, 200, token.text);
    return { browser, idToken: token.body.id_token as string, accessToken: token.body.access_token as string };
  }

  function endSessionUrl(params: Record<string, string>): string {
    return `${server.issuer}/connect/endsession?${new URLSearchParams(params)}`;
  }

  async function sessionIsGone(browser: Browser): Promise<void> {
    const silent = await browser.get(authorizeUrl(server.issuer, { prompt: 'none' }));
    assert.equal(responseParams(silent.location).get('error'), 'login_required');
  }

  /** Follow an end-session request to the error page; returns it. */
  async function errorPage(browser: Browser, first: Page): Promise<Page> {
    assert.equal(first.status, 303);
    assert.match(first.location!, /\/error\?errorId=/, 'errors never redirect to the client');
    const page = await browser.follow(first);
    assert.equal(page.status, 400);
    return page;
  }

  it('is advertised in discovery', async () => {
    const doc = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    assert.equal(doc.end_session_endpoint, `${server.issuer}/connect/endsession`);
    assert.equal(doc.backchannel_logout_supported, true);
    assert.equal(doc.frontchannel_logout_supported, true);
  });

  it('signs out with a valid id_token_hint without asking, frames the front-channel URL and posts a logout token', async () => {
    events.length = 0;
    const before = receiver.received.length;
    const { browser, idToken } = await signedInToWeb();
    const sid = decodeJwt(idToken).sid as string;
    assert.ok(sid);
    const first = await browser.get(
      endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: WEB_SIGNED_OUT, state: 'bye-1' }),
    );
    assert.equal(first.status, 303);
    assert.match(first.location!, /\/account\/logout\?logoutId=/);
    const done = await browser.follow(first);
    assert.equal(done.status, 200, done.text.slice(0, 300));
    // Front-channel: a hidden iframe with iss and sid; the CSP allows framing exactly that origin.
    const frame = /<iframe src="([^"]+)"/.exec(done.text)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(frame, 'a front-channel iframe');
    const frameUrl = new URL(frame);
    assert.equal(frameUrl.origin + frameUrl.pathname, WEB_FRONT_CHANNEL);
    assert.equal(frameUrl.searchParams.get('iss'), server.issuer);
    assert.equal(frameUrl.searchParams.get('sid'), sid);
    assert.match(done.headers.get('content-security-policy')!, /frame-src https:\/\/client\.test;/);
    assert.match(done.headers.get('content-security-policy')!, /frame-ancestors 'none'/);
    // The way back: the registered URI with state, as a link (the frames load first).
    assert.ok(done.text.includes(`href="${WEB_SIGNED_OUT}?state=bye-1"`), done.text);
    assert.equal(done.headers.get('refresh'), `2; url=${WEB_SIGNED_OUT}?state=bye-1`, 'then it continues by itself');
    await sessionIsGone(browser);

    // Back-channel: a logout token for this session, verifiable with the JWKS.
    const [notice] = (await receiver.waitFor(before + 1)).slice(before);
    assert.equal(notice!.path, '/backchannel');
    assert.equal(notice!.contentType, 'application/x-www-form-urlencoded');
    const logoutToken = notice!.form.get('logout_token')!;
    const jwks = createRemoteJWKSet(new URL(`${server.issuer}/.well-known/openid-configuration/jwks`));
    const { payload, protectedHeader } = await jwtVerify(logoutToken, jwks, {
      issuer: server.issuer,
      audience: 'web',
      typ: 'logout+jwt',
    });
    assert.equal(protectedHeader.typ, 'logout+jwt');
    assert.equal(payload.sub, 'alice-id');
    assert.equal(payload.sid, sid);
    assert.deepEqual(payload.events, { 'http://schemas.openid.net/event/backchannel-logout': {} });
    assert.equal(payload.nonce, undefined, 'a logout token never carries a nonce (§2.4)');
    assert.ok(typeof payload.jti === 'string' && typeof payload.iat === 'number');

    const logout = events.find((e) => e.name === 'UserLogoutSuccess');
    assert.ok(logout, 'UserLogoutSuccess raised');
    assert.equal((logout as { subjectId?: string }).subjectId, 'alice-id');
  });

  it('asks first without an id_token_hint, and rejects a confirmation without a valid anti-forgery token', async () => {
    const { browser } = await signedInToWeb();
    const prompt = await browser.follow(await browser.get(endSessionUrl({})));
    assert.equal(prompt.status, 200);
    assert.match(prompt.text, /Do you want to sign out\?/);
    assert.equal(prompt.headers.get('x-frame-options'), 'DENY');
    const fields = formFields(prompt.text);
    const forged = await browser.post(prompt.url, { ...fields, csrf: 'forged' });
    assert.equal(forged.status, 400);
    // A cross-site post has no anti-forgery cookie.
    const stranger = new Browser(server.issuer);
    const crossSite = await stranger.post(prompt.url, fields);
    assert.equal(crossSite.status, 400);
    const silent = await browser.get(authorizeUrl(server.issuer, { prompt: 'none' }));
    assert.ok(responseParams(silent.location).get('code'), 'still signed in after the refused confirmations');

    const done = await browser.post(prompt.url, fields);
    assert.equal(done.status, 200);
    assert.match(done.text, /You are signed out/);
    await sessionIsGone(browser);
  });

  it('asks first when the id_token_hint belongs to another session, then redirects straight back when no frame must load', async () => {
    const { idToken } = await signedInToWeb();
    const browser = new Browser(server.issuer);
    const spa = await authorizeWithLogin(browser, authorizeUrl(server.issuer, {}), 'bob', 'bob-pw');
    assert.ok(responseParams(spa.location).get('code'));
    // alice's hint cannot sign bob out without asking him.
    const hinted = await browser.follow(
      await browser.get(endSessionUrl({ id_token_hint: idToken, post_logout_redirect_uri: WEB_SIGNED_OUT })),
    );
    assert.match(hinted.text, /Do you want to sign out\?/);

    const prompt = await browser.follow(
      await browser.get(endSessionUrl({ client_id: 'spa', post_logout_redirect_uri: SPA_SIGNED_OUT, state: 's 2' })),
    );
    assert.match(prompt.text, /Do you want to sign out\?/);
    const done = await browser.post(prompt.url, formFields(prompt.text));
    assert.equal(done.status, 303);
    assert.equal(done.location, `${SPA_SIGNED_OUT}?state=s%202`);
    await sessionIsGone(browser);
  });

  it('never redirects to an unregistered post_logout_redirect_uri, or without knowing the client', async () => {
    const browser = new Browser(server.issuer);
    for (const uri of [
      `${WEB_SIGNED_OUT}/`,
      WEB_SIGNED_OUT.toUpperCase(),
      `${WEB_SIGNED_OUT}?next=https://evil.test`,
      'https://client.test@evil.test/signed-out',
      'https://client.test/signed-out/../../evil',
      'https://evil.test/',
      'javascript:alert(1)',
    ]) {
      const page = await errorPage(
        browser,
        await browser.get(endSessionUrl({ client_id: 'web', post_logout_redirect_uri: uri })),
      );
      assert.match(page.text, /post_logout_redirect_uri/);
      assert.ok(!page.text.includes('evil.test/"'), 'the page shows no link to the attacker');
    }
    const anonymous = await errorPage(
      browser,
      await browser.get(endSessionUrl({ post_logout_redirect_uri: WEB_SIGNED_OUT })),
    );
    assert.match(anonymous.text, /identify the client/);
  });

  it('rejects hostile hints and parameters with a clear error', async () => {
    const { idToken, accessToken } = await signedInToWeb();
    const browser = new Browser(server.issuer);
    const [h, p] = idToken.split('.');
    const cases: [Record<string, string>, RegExp][] = [
      [{ id_token_hint: 'not-a-jwt' }, /id_token_hint/],
      [{ id_token_hint: `${h}.${p}.AAAA` }, /id_token_hint/],
      [{ id_token_hint: idToken, client_id: 'spa' }, /client_id/],
      // An access token is not an ID token (RFC 8725 §3.11).
      [{ id_token_hint: accessToken }, /id_token_hint/],
      [{ client_id: 'nobody' }, /unknown or disabled client/],
      [{ client_id: 'web', state: 'x'.repeat(2001) }, /too long/],
      [{ ui_locales: '<script>' }, /ui_locales/],
    ];
    for (const [params, message] of cases) {
      const page = await errorPage(browser, await browser.get(endSessionUrl(params)));
      assert.match(page.text, message, JSON.stringify(params).slice(0, 80));
    }
    const repeated = await browser.get(`${server.issuer}/connect/endsession?state=a&state=b`);
    assert.match((await errorPage(browser, repeated)).text, /must not be repeated/);
    const put = await fetch(`${server.issuer}/connect/endsession`, { method: 'PUT' });
    assert.equal(put.status, 405);
    const json = await fetch(`${server.issuer}/connect/endsession`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(json.status, 415);
    const tampered = await browser.get(`${server.issuer}/account/logout?logoutId=AAAA${'x'.repeat(40)}`);
    assert.equal(tampered.status, 400);
    assert.match(tampered.text, /not valid or has expired/);
  });

  it('accepts a POSTed end-session request, and a logoutId used twice only signs out once', async () => {
    events.length = 0;
    const { browser, idToken } = await signedInToWeb();
    const first = await browser.post(`${server.issuer}/connect/endsession`, {
      id_token_hint: idToken,
      post_logout_redirect_uri: WEB_SIGNED_OUT,
    });
    assert.equal(first.status, 303);
    const done = await browser.follow(first);
    assert.equal(done.status, 200);
    const again = await browser.get(first.location!);
    assert.equal(again.status, 303, 'no session left: nothing to ask, no frame to load');
    assert.equal(again.location, WEB_SIGNED_OUT);
    assert.equal(events.filter((e) => e.name === 'UserLogoutSuccess').length, 1);
  });

  it('retries a failing back-channel endpoint and gives up on a hanging one', async () => {
    const start = receiver.received.length;
    receiver.script.push(503, 200);
    const { browser, idToken } = await signedInToWeb();
    await browser.follow(await browser.get(endSessionUrl({ id_token_hint: idToken })));
    const [notice] = (await receiver.waitFor(start + 1)).slice(start);
    assert.ok(notice!.form.get('logout_token'), 'delivered on the second attempt');

    // Three hanging attempts, each ended by the one-second timeout; then nothing more is sent.
    receiver.script.push(0, 0, 0);
    const second = await signedInToWeb();
    const result = await server.sigil.interaction.signOut({ headers: { cookie: second.browser.cookieHeader() } });
    await result.backChannel;
    assert.equal(receiver.script.length, 0, 'all three attempts were made');
    assert.equal(receiver.received.length, start + 1, 'the hanging endpoint received nothing that counted');
  });

  it('sends back-channel logout when sessions are revoked through the API', async () => {
    const start = receiver.received.length;
    const { browser, idToken } = await signedInToWeb();
    const sid = decodeJwt(idToken).sid as string;
    const revoked = await server.sigil.sessions.revokeSessions({ sessionId: sid });
    assert.equal(revoked.length, 1);
    const [notice] = (await receiver.waitFor(start + 1)).slice(start);
    assert.equal(decodeJwt(notice!.form.get('logout_token')!).sid, sid);
    await sessionIsGone(browser);
  });

  it('does not follow redirects from the back-channel endpoint', async () => {
    const start = receiver.received.length;
    receiver.script.push(302);
    const { browser } = await signedInToWeb();
    const result = await server.sigil.interaction.signOut({ headers: { cookie: browser.cookieHeader() } });
    await result.backChannel;
    assert.equal(receiver.received.length, start, 'a redirect is a failure, and is not retried');
    assert.equal(receiver.script.length, 0);
  });
});

describe('logout: expired sessions trigger back-channel logout when configured', () => {
  let server: TestServer;
  let receiver: LogoutReceiver;
  let clock = Math.floor(Date.now() / 1000);

  before(async () => {
    receiver = await startLogoutReceiver();
    const options = signInFixture();
    options.clients = options.clients!.map((c) =>
      c.clientId === 'spa' ? { ...c, backChannelLogoutUri: `${receiver.url}/expired` } : c,
    );
    options.authentication = { cookieLifetime: 600, expiredSessionsTriggerBackChannelLogout: true };
    server = await startServer({ ...options, now: () => clock });
  });
  after(async () => {
    await server.close();
    await receiver.close();
  });

  it('notifies the clients of a session removed by the cleanup job', async () => {
    const browser = new Browser(server.issuer);
    const done = await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    assert.ok(responseParams(done.location).get('code'));
    const [session] = await server.sigil.sessions.listSessions('alice-id');
    assert.ok(session);
    await server.sigil.runJob('cleanup');
    assert.equal(receiver.received.length, 0, 'a live session is not touched');

    clock += 601;
    await server.sigil.runJob('cleanup');
    const [notice] = await receiver.waitFor(1);
    assert.equal(notice!.path, '/expired');
    const claims = decodeJwt(notice!.form.get('logout_token')!);
    assert.equal(claims.sid, session.sessionId);
    assert.equal(claims.sub, 'alice-id');
    assert.deepEqual(await server.sigil.sessions.listSessions('alice-id'), []);
  });
});
