import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SigilEvent } from '../../../src/events/types.js';
import { startServer, type TestServer } from '../support/start-server.js';
import { Browser, formFields, type Page } from './browser.js';
import {
  authorizeUrl,
  authorizeWithLogin,
  responseParams,
  signInFixture,
  submitLogin,
  WEB_CALLBACK,
} from './fixture.js';

describe('the login page under attack', () => {
  let server: TestServer;
  const events: SigilEvent[] = [];
  const revoked: string[][] = [];
  before(async () => {
    server = await startServer({
      ...signInFixture(events),
      onSessionsRevoked: (sessions) => {
        revoked.push(sessions.map((s) => s.subjectId));
      },
    });
  });
  after(() => server.close());

  async function loginPage(browser = new Browser(server.issuer)): Promise<{ browser: Browser; page: Page }> {
    const page = await browser.follow(await browser.get(authorizeUrl(server.issuer)));
    assert.match(page.url, /\/account\/login\?/);
    return { browser, page };
  }

  it('rejects a wrong password without a session cookie and without saying which part was wrong', async () => {
    const { browser, page } = await loginPage();
    events.length = 0;
    const res = await submitLogin(browser, page, 'alice', 'wrong');
    assert.equal(res.status, 200);
    assert.match(res.text, /The username or password is incorrect\./);
    assert.match(res.text, /value="alice"/);
    assert.ok(!res.text.includes('wrong'), 'the password is not echoed');
    assert.equal(browser.cookies.has('sigil.session'), false);
    const failure = events.find((e) => e.name === 'UserLoginFailure');
    assert.ok(
      failure && failure.name === 'UserLoginFailure' && failure.username === 'alice' && failure.clientId === 'spa',
    );
    const unknown = await submitLogin(browser, page, 'nobody', 'x');
    assert.match(unknown.text, /The username or password is incorrect\./);
  });

  it('rejects a login post without the anti-forgery token, with a wrong one, or without the pre-login cookie', async () => {
    const { browser, page } = await loginPage();
    const fields = formFields(page.text, 'name="username"');
    const attempts: Array<[string, Browser, Record<string, string>]> = [
      ['missing token', browser, { ...fields, csrf: '' }],
      ['wrong token', browser, { ...fields, csrf: `${fields.csrf!.slice(0, -4)}AAAA` }],
      ['another form token', browser, { ...fields, returnUrl: '/connect/authorize/callback?authz=x' }],
      ['no cookie (cross-site post)', new Browser(server.issuer), fields],
    ];
    for (const [what, b, form] of attempts) {
      const res = await b.post(page.url, { ...form, username: 'alice', password: 'alice-pw', button: 'login' });
      assert.equal(res.status, 400, what);
      assert.match(res.text, /open for too long or was sent from another site/, what);
      assert.equal(b.cookies.has('sigil.session'), false, what);
    }
    const ok = await submitLogin(browser, await browser.get(page.url), 'alice', 'alice-pw');
    assert.equal(ok.status, 303, 'a fresh form still works');
  });

  it('locks an account after the threshold of failures, even for the right password, and says until when', async () => {
    const { browser, page } = await loginPage();
    for (let i = 0; i < 2; i++) {
      assert.match((await submitLogin(browser, page, 'bob', 'nope')).text, /incorrect/);
    }
    const third = await submitLogin(browser, page, 'bob', 'nope');
    assert.match(third.text, /temporarily locked after too many failed attempts\. Try again after <time datetime=/);
    const right = await submitLogin(browser, page, 'bob', 'bob-pw');
    assert.equal(right.status, 200);
    assert.match(right.text, /temporarily locked/);
    assert.equal(browser.cookies.has('sigil.session'), false);
    assert.ok(events.some((e) => e.name === 'UserLoginFailure' && e.error === 'locked out'));
  });

  it('locks unknown usernames the same way, so the lockout does not reveal which names exist', async () => {
    const { browser, page } = await loginPage();
    let last: Page | undefined;
    for (let i = 0; i < 3; i++) last = await submitLogin(browser, page, 'ghost', 'x');
    assert.match(last!.text, /temporarily locked/);
  });

  it('sends the clickjacking and content-type headers on every page', async () => {
    const { browser, page } = await loginPage();
    const consent = await authorizeWithLogin(
      new Browser(server.issuer),
      authorizeUrl(server.issuer, { client_id: 'web', redirect_uri: WEB_CALLBACK, scope: 'openid' }),
    );
    const error = await browser.follow(await browser.get(`${server.issuer}/connect/authorize?client_id=nobody`));
    const post = await (async () => {
      const b = new Browser(server.issuer);
      await authorizeWithLogin(b, authorizeUrl(server.issuer));
      return b.get(authorizeUrl(server.issuer, { response_mode: 'form_post' }));
    })();
    for (const [name, p] of [
      ['login', page],
      ['consent', consent],
      ['error', error],
      ['form_post', post],
    ] as const) {
      const csp = p.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, name);
      assert.match(csp, /default-src 'none'/, name);
      assert.ok(!csp.includes('unsafe-inline'), name);
      assert.equal(p.headers.get('x-frame-options'), 'DENY', name);
      assert.equal(p.headers.get('referrer-policy'), 'no-referrer', name);
      assert.equal(p.headers.get('x-content-type-options'), 'nosniff', name);
      assert.equal(p.headers.get('cache-control'), 'no-store', name);
      assert.ok(!/<script>/.test(p.text), `${name}: no inline script`);
    }
  });

  it('labels every login field and keeps the keyboard order username, password, remember me, sign in, cancel', async () => {
    const { page } = await loginPage();
    for (const id of ['username', 'password', 'remember-login'])
      assert.match(page.text, new RegExp(`<label for="${id}">`));
    const order = ['id="username"', 'id="password"', 'id="remember-login"', 'value="login"', 'value="cancel"'].map(
      (s) => page.text.indexOf(s),
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
    );
    assert.ok(!/tabindex="[1-9]/.test(page.text));
  });

  it('serves the stylesheet with a strong ETag, a year of caching and 304 revalidation', async () => {
    const { page } = await loginPage();
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.text)![1]!;
    assert.match(href, /^\/ui\/sigil\.css\?v=[A-Za-z0-9_-]{16}$/);
    const css = await fetch(`${server.issuer}${href}`);
    assert.equal(css.status, 200);
    assert.equal(css.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(css.headers.get('content-type')!, /^text\/css/);
    const etag = css.headers.get('etag')!;
    assert.match(etag, /^"[A-Za-z0-9_-]{16}"$/);
    const again = await fetch(`${server.issuer}/ui/sigil.css`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  it('answers a login POST that is not a form with the error page', async () => {
    const res = await fetch(`${server.issuer}/account/login`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /application\/x-www-form-urlencoded/);
  });

  it('revokes a session and its grants through server.sessions', async () => {
    const browser = new Browser(server.issuer);
    const done = await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    assert.ok(responseParams(done.location).get('code'));
    const ended = await server.sigil.sessions.revokeSessions({ subjectId: 'alice-id' });
    assert.ok(ended.length >= 1);
    assert.deepEqual(revoked, [ended.map(() => 'alice-id')], 'the onSessionsRevoked hook saw them');
    assert.equal(
      await server.sigil.stores.grants
        .list({ subjectId: 'alice-id', type: 'authorization_code' })
        .then((g) => g.length),
      0,
    );
    const none = await browser.get(authorizeUrl(server.issuer, { prompt: 'none' }));
    assert.equal(responseParams(none.location).get('error'), 'login_required');
  });
});

describe('the login page when the user store fails', () => {
  it('shows the error page with server_error and a reference, never the exception', async () => {
    const server = await startServer({
      ...signInFixture(),
      userStore: {
        findByUsername: async () => undefined,
        findBySubject: async () => undefined,
        validateCredentials: async () => {
          throw new Error('connection to users-db.internal refused');
        },
      },
    });
    try {
      const browser = new Browser(server.issuer);
      const login = await browser.follow(await browser.get(authorizeUrl(server.issuer)));
      const res = await submitLogin(browser, login, 'alice', 'alice-pw');
      assert.equal(res.status, 500);
      assert.match(res.headers.get('content-type')!, /^text\/html/);
      assert.match(res.text, /<code>server_error<\/code>/);
      // The reference is the request id, which the log line of the failure carries too.
      assert.match(res.text, /Request id: <code>[0-9a-z]{6}-[0-9a-z]+<\/code>/);
      assert.ok(!res.text.includes('users-db'));
      assert.match(res.headers.get('content-security-policy')!, /frame-ancestors 'none'/);
    } finally {
      await server.close();
    }
  });
});
