/**
 * The configuration of the sign-in end-to-end tests, and helpers that drive the authorize
 * endpoint, the login page and the consent page like a browser would.
 */
import assert from 'node:assert/strict';
import type { SigilEvent } from '../../../src/events/types.js';
import type { CreateIdentityServerOptions } from '../../../src/server/types.js';
import { type Browser, formFields, type Page } from './browser.js';

/** A PKCE pair (RFC 7636 Appendix B). */
export const PKCE = {
  verifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
} as const;

/** Redirect URIs of the fixture's clients. */
export const WEB_CALLBACK = 'https://client.test/cb';
export const SPA_CALLBACK = 'https://spa.test/cb';

/** Options for `startServer`, with every event collected into `events`. */
export function signInFixture(events: SigilEvent[] = []): Omit<CreateIdentityServerOptions, 'issuer'> {
  return {
    identityResources: ['openid', 'profile', 'email'],
    apiScopes: [{ name: 'api.read', displayName: 'Read your data', description: 'Lets the app read your records' }],
    apiResources: [{ name: 'api', scopes: ['api.read'] }],
    clients: [
      {
        clientId: 'web',
        clientName: 'Web <App>',
        clientSecrets: [{ value: 'web-secret' }],
        allowedGrantTypes: ['authorization_code'],
        redirectUris: [WEB_CALLBACK],
        allowOfflineAccess: true,
        requireConsent: true,
        allowedScopes: ['openid', 'profile', 'email', 'api.read', 'offline_access'],
      },
      {
        clientId: 'spa',
        clientName: 'Single-page app',
        requireClientSecret: false,
        allowedGrantTypes: ['authorization_code'],
        redirectUris: [SPA_CALLBACK],
        allowedScopes: ['openid', 'profile', 'api.read'],
      },
      {
        clientId: 'cli',
        applicationType: 'native',
        requireClientSecret: false,
        allowedGrantTypes: ['authorization_code'],
        redirectUris: ['http://127.0.0.1/callback'],
        allowedScopes: ['openid'],
      },
      {
        clientId: 'implicit',
        requireClientSecret: false,
        allowedGrantTypes: ['implicit'],
        allowAccessTokensViaBrowser: true,
        redirectUris: ['https://implicit.test/cb'],
        allowedScopes: ['openid', 'profile', 'api.read'],
      },
      {
        clientId: 'hybrid',
        clientSecrets: [{ value: 'hybrid-secret' }],
        allowedGrantTypes: ['hybrid'],
        redirectUris: ['https://hybrid.test/cb'],
        allowedScopes: ['openid', 'profile', 'api.read'],
      },
    ],
    users: [
      {
        subjectId: 'alice-id',
        username: 'alice',
        password: 'alice-pw',
        claims: { name: 'Alice Smith', email: 'alice@example.com' },
      },
      { subjectId: 'bob-id', username: 'bob', password: 'bob-pw', claims: { name: 'Bob' } },
    ],
    authentication: { lockoutThreshold: 3, lockoutDuration: 300 },
    events: {
      raiseSuccessEvents: true,
      raiseFailureEvents: true,
      raiseInformationEvents: true,
      raiseErrorEvents: true,
    },
    eventSink: (e) => {
      events.push(e);
    },
  };
}

/** The authorize URL for `params` over a valid code-flow request of client `spa`. */
export function authorizeUrl(issuer: string, params: Record<string, string | undefined> = {}): string {
  return `${issuer}/connect/authorize?${authorizeParams(params)}`;
}

/** The parameters of a valid code-flow request of client `spa`, with `params` changed (undefined removes one). */
export function authorizeParams(params: Record<string, string | undefined> = {}): URLSearchParams {
  const all: Record<string, string | undefined> = {
    client_id: 'spa',
    redirect_uri: SPA_CALLBACK,
    response_type: 'code',
    scope: 'openid profile',
    state: 'st-123',
    nonce: 'n-456',
    code_challenge: PKCE.challenge,
    code_challenge_method: 'S256',
    ...params,
  };
  return new URLSearchParams(Object.entries(all).filter((e): e is [string, string] => e[1] !== undefined));
}

/** Submit the login form of `loginPage` with credentials; returns the answer to the POST. */
export async function submitLogin(
  browser: Browser,
  loginPage: Page,
  username: string,
  password: string,
  extra: Record<string, string> = {},
): Promise<Page> {
  assert.equal(loginPage.status, 200, loginPage.text.slice(0, 300));
  const fields = formFields(loginPage.text, 'name="username"');
  return browser.post(loginPage.url, { ...fields, username, password, button: 'login', ...extra });
}

/** From an authorize URL, sign in through the login page; returns the first answer that is not on our pages. */
export async function authorizeWithLogin(
  browser: Browser,
  url: string,
  username = 'alice',
  password = 'alice-pw',
): Promise<Page> {
  const login = await browser.follow(await browser.get(url));
  assert.match(login.url, /\/account\/login\?returnUrl=/);
  const posted = await submitLogin(browser, login, username, password);
  assert.equal(posted.status, 303, posted.text.slice(0, 500));
  return browser.follow(posted);
}

/** Allow the consent page `page` with `scopes` (default: what the page offers). */
export async function allowConsent(
  browser: Browser,
  page: Page,
  options: { scopes?: string[]; remember?: boolean } = {},
): Promise<Page> {
  assert.match(page.url, /\/consent\?returnUrl=/);
  const fields = formFields(page.text);
  const offered = [...page.text.matchAll(/name="scopes" value="([^"]*)"/g)].map((m) => m[1]!);
  const form: Record<string, string | string[]> = {
    ...fields,
    scopes: options.scopes ?? offered,
    decision: 'allow',
  };
  if (options.remember) form.rememberConsent = 'true';
  return browser.follow(await browser.post(page.url, form));
}

/** The query (or fragment) parameters of a redirect to the client. */
export function responseParams(location: string | undefined): URLSearchParams {
  assert.ok(location, 'expected a redirect');
  const u = new URL(location);
  return new URLSearchParams(u.search || u.hash.slice(1));
}
