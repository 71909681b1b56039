/**
 * The single-page-app end-to-end tests: Sigil's configuration for a public SPA client, and a
 * Chromium page on the test SPA that records what crosses the network, so a test can assert on
 * the protocol messages oidc-client-ts sends (and on the CORS headers it gets back).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { CreateIdentityServerOptions } from '../../../src/server/types.js';
import type { SpaServer } from './spa-server.js';

/** Where the tests put their screenshots. */
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** The SPA's client id, scopes and user. */
export const SPA = {
  clientId: 'spa',
  scope: 'openid profile api',
  apiResource: 'https://api.sigil.test',
  user: { subjectId: 'alice-id', username: 'alice', password: 'alice-pw', name: 'Alice Smith' },
} as const;

/** Sigil's options with one public SPA client whose URLs are on `spaOrigin`. */
export function spaFixture(spaOrigin: string): Omit<CreateIdentityServerOptions, 'issuer'> {
  return {
    identityResources: ['openid', 'profile'],
    apiScopes: [{ name: 'api', displayName: 'Call the API' }],
    apiResources: [{ name: SPA.apiResource, scopes: ['api'] }],
    clients: [
      {
        clientId: SPA.clientId,
        clientName: 'Sigil test SPA',
        requireClientSecret: false,
        tokenEndpointAuthMethod: 'none',
        allowedGrantTypes: ['authorization_code'],
        redirectUris: [`${spaOrigin}/callback.html`, `${spaOrigin}/silent.html`],
        postLogoutRedirectUris: [`${spaOrigin}/signed-out.html`],
        allowedCorsOrigins: [spaOrigin],
        // No offline_access: oidc-client-ts then renews through the iframe with prompt=none.
        allowedScopes: ['openid', 'profile', 'api'],
        requireConsent: true,
      },
    ],
    users: [
      {
        subjectId: SPA.user.subjectId,
        username: SPA.user.username,
        password: SPA.user.password,
        claims: { name: SPA.user.name, given_name: 'Alice', family_name: 'Smith' },
      },
    ],
  };
}

/** Headless Chromium as every browser test here launches it. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** One request the page made, with its answer when there was one. */
export interface Exchange {
  readonly url: URL;
  readonly method: string;
  /** False for requests of an iframe, such as the silent renew. */
  readonly mainFrame: boolean;
  readonly postData?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  failure?: string;
}

/** A page on the SPA with everything it sent and logged. */
export interface SpaPage {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly exchanges: Exchange[];
  readonly console: string[];
  /** How often the top-level document navigated. */
  mainFrameNavigations: number;
  /** The exchanges with Sigil at `path` (e.g. `/connect/token`). */
  sigil(path: string): Exchange[];
}

/** A new browser context with a page on the SPA's home page. */
export async function openSpa(browser: Browser, spa: SpaServer): Promise<SpaPage> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 760 } });
  const page = await context.newPage();
  const exchanges: Exchange[] = [];
  const byRequest = new Map<unknown, Exchange>();
  const out: SpaPage = {
    context,
    page,
    exchanges,
    console: [],
    mainFrameNavigations: 0,
    sigil: (path) => exchanges.filter((e) => e.url.origin === spa.settings.authority && e.url.pathname === path),
  };
  page.on('request', (r) => {
    const e: Exchange = {
      url: new URL(r.url()),
      method: r.method(),
      mainFrame: r.frame() === page.mainFrame(),
      postData: r.postData() ?? undefined,
    };
    byRequest.set(r, e);
    exchanges.push(e);
  });
  page.on('response', (r) => {
    const e = byRequest.get(r.request());
    if (!e) return;
    e.status = r.status();
    e.responseHeaders = r.headers();
  });
  page.on('requestfailed', (r) => {
    const e = byRequest.get(r);
    if (e) e.failure = r.failure()?.errorText ?? 'failed';
  });
  page.on('console', (m) => {
    out.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) out.mainFrameNavigations++;
  });
  await page.goto(`${spa.origin}/`);
  await page.waitForSelector('body[data-state="anonymous"], body[data-state="signed-in"]');
  return out;
}

/**
 * Sign in from the SPA's home page by clicking its button, typing on Sigil's login page and
 * allowing on the consent page when it is shown; returns once the SPA shows the user.
 */
export async function signInThroughPages(
  spa: SpaServer,
  p: SpaPage,
  screenshots: { login?: string; consent?: string } = {},
): Promise<void> {
  const { page } = p;
  const issuer = spa.settings.authority;
  await Promise.all([page.waitForURL(`${issuer}/account/login?**`), page.click('#sign-in')]);
  await page.waitForSelector('#username');
  if (screenshots.login) await page.screenshot({ path: join(SCREENSHOTS, screenshots.login), fullPage: true });
  await page.fill('#username', SPA.user.username);
  await page.fill('#password', SPA.user.password);
  await Promise.all([
    page.waitForURL((u) => u.pathname === '/consent' || u.origin === spa.origin),
    page.click('button[value="login"]'),
  ]);
  if (new URL(page.url()).pathname === '/consent') {
    await page.waitForSelector('button[value="allow"]');
    if (screenshots.consent) await page.screenshot({ path: join(SCREENSHOTS, screenshots.consent), fullPage: true });
    await Promise.all([page.waitForURL((u) => u.origin === spa.origin), page.click('button[value="allow"]')]);
  }
  // The callback page either fails (and stays) or hands over to the home page.
  await page.waitForSelector('body[data-page="index"][data-state="signed-in"], body[data-state="error"]');
  const failed = p.exchanges.filter((e) => e.failure).map((e) => `${e.method} ${e.url} ${e.failure}`);
  assert.equal(
    await page.getAttribute('body', 'data-state'),
    'signed-in',
    `the SPA did not sign in: ${await page.textContent('#status')}\n${[...failed, ...p.console].join('\n')}`,
  );
}

/** The user the SPA holds, as `window.spa.user()` describes it. */
export interface SpaUser {
  id_token: string;
  access_token: string;
  token_type: string;
  scope: string;
  expires_at: number;
  refresh_token: string | null;
  profile: Record<string, unknown>;
}

/** The outcome of `window.spa.renew()`. */
export type RenewResult =
  | { ok: true; user: SpaUser }
  | { ok: false; error: { name?: string; message: string; error: string | null; error_description: string | null } };

/** The SPA's current user. */
export function spaUser(page: Page): Promise<SpaUser | null> {
  return page.evaluate(() => (window as unknown as { spa: { user(): Promise<SpaUser | null> } }).spa.user());
}

/** Call `signinSilent()` in the page. */
export function renewInPage(page: Page): Promise<RenewResult> {
  return page.evaluate(() => (window as unknown as { spa: { renew(): Promise<RenewResult> } }).spa.renew());
}

/** The claims of a JWT, not verified (for comparing; verification happens with jose). */
export function jwtClaims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Wait until the wall clock is past epoch second `seconds` (so that a token issued now has a later `iat`). */
export async function waitForSecondAfter(seconds: number, deadlineMs = 5000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (Math.floor(Date.now() / 1000) <= seconds) {
    assert.ok(Date.now() < deadline, `the clock did not pass ${seconds}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
