import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../support/start-server.js';
import {
  launchChromium,
  openSpa,
  renewInPage,
  SCREENSHOTS,
  SPA,
  type SpaPage,
  signInThroughPages,
  spaFixture,
  spaUser,
} from './fixture.js';
import { type SpaServer, startSpaServer } from './spa-server.js';

describe('a single-page app with oidc-client-ts in Chromium: signing out', () => {
  let spa: SpaServer;
  let server: TestServer;
  let browser: Browser;
  const pages: SpaPage[] = [];
  before(async () => {
    spa = await startSpaServer();
    server = await startServer(spaFixture(spa.origin));
    spa.settings = { authority: server.issuer, clientId: SPA.clientId, scope: SPA.scope };
    browser = await launchChromium();
  });
  after(async () => {
    for (const p of pages) await p.context.close();
    await browser?.close();
    await server?.close();
    await spa?.close();
  });

  it('signs out with signoutRedirect: id_token_hint, no prompt, back on the post-logout page with its state', async () => {
    const p = await openSpa(browser, spa);
    pages.push(p);
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
