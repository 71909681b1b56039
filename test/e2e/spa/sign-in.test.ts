import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../support/start-server.js';
import {
  jwtClaims,
  launchChromium,
  openSpa,
  renewInPage,
  SCREENSHOTS,
  SPA,
  type SpaPage,
  signInThroughPages,
  spaFixture,
  spaUser,
  waitForSecondAfter,
} from './fixture.js';
import { type SpaServer, startSpaServer } from './spa-server.js';

describe('a single-page app with oidc-client-ts in Chromium: sign-in, silent renew, sign-out', () => {
  let spa: SpaServer;
  let server: TestServer;
  let browser: Browser;
  let jwks: JWTVerifyGetKey;
  const pages: SpaPage[] = [];
  before(async () => {
    spa = await startSpaServer();
    server = await startServer(spaFixture(spa.origin));
    spa.settings = { authority: server.issuer, clientId: SPA.clientId, scope: SPA.scope };
    const discovery = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as {
      jwks_uri: string;
    };
    jwks = createRemoteJWKSet(new URL(discovery.jwks_uri));
    browser = await launchChromium();
  });
  after(async () => {
    for (const p of pages) await p.context.close();
    await browser?.close();
    await server?.close();
    await spa?.close();
  });

  async function open(): Promise<SpaPage> {
    const p = await openSpa(browser, spa);
    pages.push(p);
    return p;
  }

  /** No request was blocked, and the console shows no CORS or CSP complaint. */
  function assertNothingBlocked(p: SpaPage): void {
    const failed = p.exchanges.filter((e) => e.failure !== undefined);
    assert.deepEqual(
      failed.map((e) => `${e.method} ${e.url} ${e.failure}`),
      [],
    );
    assert.deepEqual(
      p.console.filter((m) => /CORS|Content Security Policy|Refused to|X-Frame-Options/i.test(m)),
      [],
    );
  }

  it('signs in with code and PKCE through the login and consent pages, and loads the profile from userinfo', async () => {
    const p = await open();
    await signInThroughPages(spa, p, { login: 'spa-login.png', consent: 'spa-consent.png' });
    await p.page.screenshot({ path: join(SCREENSHOTS, 'spa-signed-in.png'), fullPage: true });

    const [authorize] = p.sigil('/connect/authorize');
    assert.ok(authorize, 'the SPA went to the authorize endpoint');
    const q = authorize.url.searchParams;
    assert.equal(q.get('client_id'), SPA.clientId);
    assert.equal(q.get('response_type'), 'code');
    assert.equal(q.get('redirect_uri'), `${spa.origin}/callback.html`);
    assert.equal(q.get('scope'), SPA.scope);
    assert.equal(q.get('code_challenge_method'), 'S256');
    assert.match(q.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(q.get('prompt'), null);

    const callback = p.exchanges.find((e) => e.url.origin === spa.origin && e.url.pathname === '/callback.html');
    assert.ok(callback, 'Sigil redirected to the callback page');
    assert.match(callback.url.searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(callback.url.searchParams.get('iss'), server.issuer);

    const token = p.sigil('/connect/token');
    assert.equal(token.length, 1);
    const form = new URLSearchParams(token[0]!.postData);
    assert.equal(form.get('grant_type'), 'authorization_code');
    assert.equal(form.get('client_id'), SPA.clientId);
    assert.match(form.get('code_verifier') ?? '', /^[A-Za-z0-9._~-]{43,128}$/);
    assert.equal(token[0]!.status, 200);
    assert.equal(token[0]!.responseHeaders?.['access-control-allow-origin'], spa.origin);

    const userinfo = p.sigil('/connect/userinfo').filter((e) => e.method === 'GET');
    assert.equal(userinfo.length, 1);
    assert.equal(userinfo[0]!.status, 200);
    assert.equal(userinfo[0]!.responseHeaders?.['access-control-allow-origin'], spa.origin);

    // What oidc-client-ts made of it, read in the page.
    const user = await spaUser(p.page);
    assert.ok(user);
    assert.equal(user.profile.sub, SPA.user.subjectId);
    assert.equal(user.profile.iss, server.issuer);
    assert.equal(user.profile.aud, SPA.clientId);
    assert.equal(user.profile.name, SPA.user.name, 'the name came from userinfo');
    assert.equal(user.profile.given_name, 'Alice');
    assert.equal(user.token_type, 'Bearer');
    assert.equal(user.refresh_token, null, 'no offline_access, no refresh token');
    assert.deepEqual(user.scope.split(' ').sort(), ['api', 'openid', 'profile']);
    assert.equal(await p.page.textContent('[data-claim="sub"]'), SPA.user.subjectId);
    assert.equal(await p.page.textContent('#status'), `Signed in as ${SPA.user.name}`);

    // And again in Node, with signatures checked against the JWKS.
    const id = await jwtVerify(user.id_token, jwks, { issuer: server.issuer, audience: SPA.clientId });
    assert.equal(id.payload.sub, SPA.user.subjectId);
    assert.equal(id.payload.name, undefined, 'profile claims are not in the ID token of the code flow');
    const at = await jwtVerify(user.access_token, jwks, {
      issuer: server.issuer,
      audience: SPA.apiResource,
      typ: 'at+jwt',
    });
    assert.equal(at.payload.sub, SPA.user.subjectId);
    assert.equal(at.payload.client_id, SPA.clientId);
    // oidc-client-ts derives expires_at from its own clock plus expires_in: the same second, or the
    // next one when the response arrived across a second boundary.
    const skew = user.expires_at - (at.payload.exp as number);
    assert.ok(skew === 0 || skew === 1, `expires_at ${user.expires_at} vs exp ${at.payload.exp}`);
    assertNothingBlocked(p);
  });

  it('renews the tokens silently in a hidden iframe with prompt=none, riding on the session cookie', async () => {
    const p = await open();
    await signInThroughPages(spa, p);
    const before = (await spaUser(p.page))!;
    const old = jwtClaims(before.access_token);
    await waitForSecondAfter(old.iat as number);
    const navigations = p.mainFrameNavigations;
    const url = p.page.url();
    const exchangesBefore = p.exchanges.length;

    const renewed = await renewInPage(p.page);
    assert.ok(renewed.ok, `signinSilent failed: ${JSON.stringify(!renewed.ok && renewed.error)}`);

    assert.equal(p.mainFrameNavigations, navigations, 'the page itself did not navigate');
    assert.equal(p.page.url(), url);
    const during = p.exchanges.slice(exchangesBefore);
    const authorize = during.filter((e) => e.url.pathname === '/connect/authorize');
    assert.equal(authorize.length, 1);
    assert.equal(authorize[0]!.mainFrame, false, 'the authorize request came from an iframe');
    assert.equal(authorize[0]!.url.searchParams.get('prompt'), 'none');
    assert.equal(authorize[0]!.url.searchParams.get('redirect_uri'), `${spa.origin}/silent.html`);
    assert.equal(authorize[0]!.status, 303, 'answered by a redirect, never by a page');
    const silent = during.find((e) => e.url.origin === spa.origin && e.url.pathname === '/silent.html');
    assert.ok(silent, 'Sigil redirected the iframe to the silent page');
    assert.match(silent.url.searchParams.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(silent.mainFrame, false);
    assert.equal(await p.page.locator('iframe').count(), 0, 'oidc-client-ts removed its iframe');

    const user = renewed.user;
    assert.notEqual(user.access_token, before.access_token);
    assert.notEqual(user.id_token, before.id_token);
    const fresh = await jwtVerify(user.access_token, jwks, { issuer: server.issuer, audience: SPA.apiResource });
    assert.ok((fresh.payload.iat as number) > (old.iat as number));
    assert.ok((fresh.payload.exp as number) > (old.exp as number), 'a fresh expiry');
    assert.equal(fresh.payload.sub, SPA.user.subjectId);
    assert.equal(fresh.payload.sid, old.sid, 'the same Sigil session');
    const id = await jwtVerify(user.id_token, jwks, { issuer: server.issuer, audience: SPA.clientId });
    assert.equal(id.payload.sub, SPA.user.subjectId);
    assert.equal(user.profile.name, SPA.user.name);
    assert.deepEqual(await spaUser(p.page), user, 'the renewed user was stored');
    assert.equal(await p.page.textContent('[data-claim="access token expires"]'), isoSeconds(user.expires_at));
    await p.page.screenshot({ path: join(SCREENSHOTS, 'spa-renewed.png'), fullPage: true });
    assertNothingBlocked(p);
  });

  it('answers a silent renew with login_required once the browser has lost the session cookie', async () => {
    const p = await open();
    await signInThroughPages(spa, p);
    const cookies = await p.context.cookies(server.issuer);
    assert.ok(
      cookies.some((c) => c.name === 'sigil.session'),
      'signed in',
    );
    await p.context.clearCookies({ name: 'sigil.session' });

    const renewed = await renewInPage(p.page);
    assert.equal(renewed.ok, false);
    assert.equal(!renewed.ok && renewed.error.error, 'login_required');
    const [authorize] = p.sigil('/connect/authorize').filter((e) => !e.mainFrame);
    assert.equal(authorize?.status, 303);
    assert.equal(await p.page.getAttribute('body', 'data-state'), 'signed-in', 'the page still shows its user');
  });

  it('answers a silent renew with login_required in a browser that never signed in', async () => {
    const p = await open();
    const renewed = await renewInPage(p.page);
    assert.equal(!renewed.ok && renewed.error.error, 'login_required', JSON.stringify(renewed));
    assertNothingBlocked(p);
  });

  it('signs out with signoutRedirect: id_token_hint, no prompt, back on the post-logout page with its state', async () => {
    const p = await open();
    await signInThroughPages(spa, p);
    const user = (await spaUser(p.page))!;

    await Promise.all([p.page.waitForURL(`${spa.origin}/signed-out.html?**`), p.page.click('#sign-out')]);
    await p.page.waitForSelector('body[data-state="signed-out"], body[data-state="error"]');
    await p.page.screenshot({ path: join(SCREENSHOTS, 'spa-signed-out.png'), fullPage: true });
    assert.equal(
      await p.page.getAttribute('body', 'data-state'),
      'signed-out',
      String(await p.page.textContent('#status')),
    );

    // What oidc-client-ts sent: the ID token as hint, the registered post-logout URI and a state.
    const [end] = p.sigil('/connect/endsession');
    assert.ok(end, 'the SPA went to the end-session endpoint');
    assert.equal(end.url.searchParams.get('id_token_hint'), user.id_token);
    assert.equal(end.url.searchParams.get('post_logout_redirect_uri'), `${spa.origin}/signed-out.html`);
    const state = end.url.searchParams.get('state');
    assert.ok(state);
    // Sigil handed the state back unchanged, and oidc-client-ts matched it to its stored user state.
    const landed = new URL(p.page.url());
    assert.equal(landed.searchParams.get('state'), state);
    const result = await p.page.evaluate(
      () => (window as unknown as { spa: { signOutResult: unknown } }).spa.signOutResult,
    );
    assert.deepEqual(result, { ok: true, state: { signedOutFrom: '/' }, error: null });
    assert.equal(p.sigil('/account/logout').length, 1, 'one pass through the logout page, without a prompt');

    // The session at Sigil is gone: a silent renew now fails with login_required.
    await p.page.goto(`${spa.origin}/`);
    await p.page.waitForSelector('body[data-state="anonymous"]');
    const renewed = await renewInPage(p.page);
    assert.equal(renewed.ok, false);
    assert.equal(!renewed.ok && renewed.error.error, 'login_required');
  });
});

function isoSeconds(epoch: number): string {
  return new Date(epoch * 1000).toISOString();
}
