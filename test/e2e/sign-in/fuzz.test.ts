import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startServer, type TestServer } from '../support/start-server.js';
import { Browser } from './browser.js';
import { authorizeUrl, authorizeWithLogin, signInFixture } from './fixture.js';

/** Every browser-facing path: the protocol endpoints and the built-in pages. */
const PATHS = [
  '/connect/authorize',
  '/connect/authorize/callback',
  '/connect/endsession',
  '/connect/userinfo',
  '/account/login',
  '/account/logout',
  '/consent',
  '/error',
  '/ui/sigil.css',
  '/ui/form-post.js',
];

describe('interactive endpoints under a fuzz loop', () => {
  let server: TestServer;
  let sessionCookie = '';
  let validReturnUrl = '';
  before(async () => {
    server = await startServer(signInFixture());
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    sessionCookie = browser.cookieHeader();
    const login = await new Browser(server.issuer).get(authorizeUrl(server.issuer));
    validReturnUrl = new URL(login.location!).searchParams.get('returnUrl') ?? '';
  });
  after(() => server.close());

  it('never answers 5xx, whatever the method, parameters, body, cookies and headers', async () => {
    const names = fc.constantFrom(
      'client_id',
      'redirect_uri',
      'response_type',
      'response_mode',
      'scope',
      'state',
      'nonce',
      'prompt',
      'max_age',
      'id_token_hint',
      'login_hint',
      'claims',
      'resource',
      'code_challenge',
      'code_challenge_method',
      'request',
      'ui_locales',
      'post_logout_redirect_uri',
      'returnUrl',
      'logoutId',
      'errorId',
      'authz',
      'csrf',
      'button',
      'username',
      'password',
      'decision',
      'scopes',
      'access_token',
    );
    const values = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'spa',
        'web',
        'code',
        'openid profile',
        'https://spa.test/cb',
        'none',
        'login consent',
        '{"userinfo":{"email":null}}',
        '-1',
        'eyJhbGciOiJub25lIn0.e30.',
        '%00',
        '\uD800',
        'login',
        'allow',
        'alice',
      ),
      fc.constant('x'.repeat(9000)),
      fc.constant(''),
    );
    const params = fc.array(fc.tuple(names, values), { maxLength: 10 });
    const body = fc.oneof(
      params.map((pairs) => new URLSearchParams(pairs).toString()),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    );
    const contentType = fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=utf-8',
      'application/json',
      'text/plain',
      '',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.constantFrom('GET', 'POST', 'PUT', 'HEAD', 'OPTIONS'),
        params,
        body,
        contentType,
        fc.constantFrom('none', 'session', 'garbage', 'returnUrl'),
        fc.oneof(fc.constant(''), fc.string({ maxLength: 40 })),
        async (path, method, query, form, type, cookieKind, authorization) => {
          const q = new URLSearchParams(query);
          if (cookieKind === 'returnUrl' && validReturnUrl) q.set('returnUrl', validReturnUrl);
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (cookieKind === 'session' || cookieKind === 'returnUrl') headers.cookie = sessionCookie;
          if (cookieKind === 'garbage') headers.cookie = 'sigil.session=AAAA; sigil.session.af=%%%';
          const authz = authorization.replace(/[^\t\x20-\x7e]/g, '');
          if (authz) headers.authorization = authz;
          const res = await fetch(`${server.issuer}${path}?${q}`, {
            method,
            headers,
            body: method === 'GET' || method === 'HEAD' ? undefined : form,
            redirect: 'manual',
          });
          const text = method === 'HEAD' ? '' : await res.text();
          assert.ok(res.status < 500, `${method} ${path}?${q} -> ${res.status} ${text.slice(0, 300)}`);
        },
      ),
      { numRuns: 500 },
    );
  });
});
