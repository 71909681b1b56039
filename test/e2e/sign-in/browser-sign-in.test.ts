import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium, type Page } from 'playwright-core';
import { startServer, type TestServer } from '../support/start-server.js';
import { authorizeUrl, signInFixture } from './fixture.js';

const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** A stand-in for the client applications on a loopback port: records what arrives at `/web/cb` and `/spa/cb`. */
async function startClient(received: string[]): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => {
      if (req.url !== '/favicon.ico')
        received.push(req.method === 'POST' ? `${req.url} POST ${body}` : (req.url ?? ''));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('client callback');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('signing in with a real browser', () => {
  let server: TestServer;
  let client: { server: Server; origin: string };
  let browser: Browser;
  const received: string[] = [];
  const cspViolations: string[] = [];
  const webCallback = () => `${client.origin}/web/cb`;
  const spaCallback = () => `${client.origin}/spa/cb`;
  before(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    client = await startClient(received);
    const options = signInFixture();
    options.clients = options.clients!.map((c) =>
      c.clientId === 'web'
        ? { ...c, redirectUris: [webCallback()] }
        : c.clientId === 'spa'
          ? { ...c, redirectUris: [spaCallback()] }
          : c,
    );
    server = await startServer(options);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    client?.server.close();
  });

  /** A new page that records Content-Security-Policy violations. */
  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 760 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    return page;
  }

  it('signs in through the login and consent pages by keyboard and mouse', async () => {
    received.length = 0;
    const page = await newPage();
    const url = authorizeUrl(server.issuer, {
      client_id: 'web',
      redirect_uri: webCallback(),
      scope: 'openid profile email api.read offline_access',
    });
    await page.goto(url);
    await page.waitForSelector('#username');
    assert.match(page.url(), /\/account\/login\?returnUrl=/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'username', 'the username field has focus');
    await page.screenshot({ path: join(SCREENSHOTS, 'login.png'), fullPage: true });

    await page.keyboard.type('alice');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'password');
    await page.keyboard.type('not-her-password');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await page.waitForSelector('#login-error');
    assert.match((await page.textContent('[role="alert"]')) ?? '', /username or password is incorrect/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'password', 'focus returns to the password');
    await page.screenshot({ path: join(SCREENSHOTS, 'login-error.png'), fullPage: true });

    await page.keyboard.type('alice-pw');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await page.waitForSelector('button[value="allow"]');
    assert.match(page.url(), /\/consent\?returnUrl=/);
    assert.ok(await page.isChecked('#scope-identity-0'), 'openid is checked');
    assert.ok(await page.isDisabled('#scope-identity-0'), 'openid cannot be unchecked');
    await page.screenshot({ path: join(SCREENSHOTS, 'consent.png'), fullPage: true });

    await page.click('label[for="scope-identity-2"]');
    assert.equal(await page.isChecked('#scope-identity-2'), false, 'email was unchecked with the mouse');
    await Promise.all([page.waitForURL(`${webCallback()}?**`), page.click('button[value="allow"]')]);
    assert.equal(received.length, 1);
    const params = new URL(received[0]!, client.origin).searchParams;
    assert.match(params.get('code') ?? '', /^[A-Za-z0-9_-]{43}$/);
    assert.equal(params.get('state'), 'st-123');
    assert.equal(params.get('iss'), server.issuer);
    await page.context().close();
  });

  it('posts a form_post response with the script from our origin, and shows a button without it', async () => {
    received.length = 0;
    const page = await newPage();
    const spa = { redirect_uri: spaCallback() };
    await page.goto(authorizeUrl(server.issuer, spa));
    await page.fill('#username', 'alice');
    await page.fill('#password', 'alice-pw');
    await Promise.all([page.waitForURL(`${spaCallback()}?**`), page.click('button[value="login"]')]);

    await page.goto(authorizeUrl(server.issuer, { ...spa, prompt: 'select_account' }));
    await page.waitForSelector('button[value="continue"]');
    assert.match((await page.textContent('.account')) ?? '', /You are signed in as Alice Smith\./);
    await page.screenshot({ path: join(SCREENSHOTS, 'login-select-account.png'), fullPage: true });

    await page.route('**/ui/form-post.js', (route) => route.abort());
    await page.goto(authorizeUrl(server.issuer, { ...spa, response_mode: 'form_post', state: 'no-script' }));
    await page.waitForSelector('#sigil-form-post button');
    await page.screenshot({ path: join(SCREENSHOTS, 'form-post.png'), fullPage: true });
    await page.unroute('**/ui/form-post.js');

    received.length = 0;
    await Promise.all([
      page.waitForURL(spaCallback()),
      page.goto(authorizeUrl(server.issuer, { ...spa, response_mode: 'form_post', state: 'with-script' })),
    ]);
    assert.equal(received.length, 1);
    assert.match(received[0]!, /^\/spa\/cb POST code=[A-Za-z0-9_-]{43}&state=with-script&iss=/);
    await page.context().close();
  });

  it('shows the error page for an unknown client', async () => {
    const page = await newPage();
    await page.goto(authorizeUrl(server.issuer, { client_id: 'nobody', redirect_uri: 'https://evil.example/cb' }));
    await page.waitForSelector('h1');
    assert.match(page.url(), /\/error\?errorId=/);
    assert.match((await page.textContent('.error-code')) ?? '', /unauthorized_client/);
    await page.screenshot({ path: join(SCREENSHOTS, 'error.png'), fullPage: true });
    await page.context().close();
  });

  it('ran every page without a Content-Security-Policy violation', () => {
    assert.deepEqual(cspViolations, []);
  });
});
