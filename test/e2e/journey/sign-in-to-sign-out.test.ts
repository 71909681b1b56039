import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { Browser } from 'playwright-core';
import type { SigilEvent } from '../../../src/events/types.js';
import { signInFixture } from '../sign-in/fixture.js';
import { launchChromium } from '../spa/fixture.js';
import { startServer, type TestServer } from '../support/start-server.js';
import { type RelyingParty, startRelyingParty } from './relying-party.js';

/**
 * The whole journey of a user of a web app, with openid-client as the app and Chromium as the
 * browser: sign in, consent, userinfo, refresh, and sign out with front-channel and back-channel
 * notifications received by the app.
 */
describe('journey: sign in, use the tokens, sign out (openid-client and Chromium)', () => {
  let server: TestServer;
  let rp: RelyingParty;
  let browser: Browser;
  const events: SigilEvent[] = [];

  before(async () => {
    rp = await startRelyingParty();
    const options = signInFixture(events);
    options.clients = options.clients!.map((c) =>
      c.clientId === 'web'
        ? {
            ...c,
            redirectUris: [`${rp.origin}/callback`],
            postLogoutRedirectUris: [`${rp.origin}/signed-out`],
            frontChannelLogoutUri: `${rp.origin}/front-channel`,
            backChannelLogoutUri: `${rp.origin}/back-channel`,
          }
        : c,
    );
    server = await startServer(options);
    await rp.configure(server.issuer, 'web', 'web-secret');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await rp?.close();
  });

  it('goes from sign-in to sign-out with every notification delivered', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 760 } });
    const page = await context.newPage();
    const console: string[] = [];
    page.on('console', (m) => console.push(m.text()));

    // Sign in and consent.
    await page.goto(`${rp.origin}/login`);
    await page.waitForSelector('#username');
    await page.fill('#username', 'alice');
    await page.fill('#password', 'alice-pw');
    await Promise.all([page.waitForURL(/\/consent\?/), page.click('button[value="login"]')]);
    await Promise.all([page.waitForSelector('#who'), page.click('button[value="allow"]')]);
    assert.equal(await page.textContent('#who'), 'Alice Smith');
    assert.deepEqual(rp.log.errors, []);

    // The app verified the ID token (openid-client), called userinfo and refreshed.
    const [tokens] = rp.log.signedIn;
    assert.ok(tokens?.refresh_token, 'offline_access gave a refresh token');
    const idClaims = decodeJwt(tokens.id_token!);
    assert.equal(idClaims.sub, 'alice-id');
    const sid = idClaims.sid as string;
    assert.ok(sid, 'the ID token carries the session id');
    assert.equal(rp.log.userinfo[0]?.sub, 'alice-id');
    assert.equal(rp.log.userinfo[0]?.name, 'Alice Smith');
    assert.ok(rp.log.refreshed[0]?.access_token, 'the refresh token worked');
    assert.notEqual(rp.log.refreshed[0]?.access_token, tokens.access_token);

    // Sign out from the app: no prompt (valid id_token_hint), the "signed out" page frames the
    // app's front-channel URL, and then returns to the app with the state.
    // The page itself moves on after two seconds, so it is read from the response, not the DOM.
    const [signedOut] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/account/logout'),
      page.click('#sign-out'),
    ]);
    assert.equal(signedOut.status(), 200);
    assert.match(await signedOut.text(), /You are signed out/);
    assert.match(signedOut.headers().refresh ?? '', /^2; url=http:\/\/127\.0\.0\.1:\d+\/signed-out\?state=rp-state$/);
    await waitUntil(() => rp.log.frontChannel.length > 0, 'the front-channel iframe loaded');
    assert.equal(rp.log.frontChannel[0]!.get('iss'), server.issuer);
    assert.equal(rp.log.frontChannel[0]!.get('sid'), sid);

    await waitUntil(() => rp.log.backChannel.length > 0, 'the back-channel logout token arrived');
    const jwks = createRemoteJWKSet(new URL(`${server.issuer}/.well-known/openid-configuration/jwks`));
    const logout = await jwtVerify(rp.log.backChannel[0]!, jwks, {
      issuer: server.issuer,
      audience: 'web',
      typ: 'logout+jwt',
    });
    assert.equal(logout.payload.sub, 'alice-id');
    assert.equal(logout.payload.sid, sid);

    // The page goes on to the app by itself once the frames had time to load (HTTP Refresh).
    await page.waitForSelector('#rp-signed-out', { timeout: 15_000 });
    assert.equal(await page.textContent('#state'), 'rp-state');
    assert.deepEqual(
      console.filter((m) => /Content Security Policy|Refused to/i.test(m)),
      [],
      'no page was blocked by a CSP',
    );

    // The session is gone at Sigil: a new sign-in asks for the password again.
    await page.goto(`${rp.origin}/login`);
    await page.waitForSelector('#username');
    assert.ok(events.some((e) => e.name === 'UserLogoutSuccess'));
    await context.close();
  });
});

async function waitUntil(check: () => boolean, what: string, deadlineMs = 15_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
