import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, type TestServer } from '../support/start-server.js';
import { Browser, formFields } from './browser.js';
import { authorizeUrl, authorizeWithLogin, SPA_CALLBACK, signInFixture } from './fixture.js';

// RFC 9700 §4.11 (the AS as open redirector), §2.1 exact matching; security.md A03–A14, X09, X12.
describe('open-redirect and reflection attempts', () => {
  let server: TestServer;
  before(async () => {
    server = await startServer(signInFixture());
  });
  after(() => server.close());

  /** Asserts the answer never sends the browser anywhere but our own error page, and returns that page. */
  async function expectErrorPage(url: string, code: RegExp) {
    const browser = new Browser(server.issuer);
    const first = await browser.get(url);
    if (first.location) assert.ok(first.location.startsWith(`${server.issuer}/error?errorId=`), first.location);
    const page = await browser.follow(first);
    assert.equal(page.status, 400);
    assert.match(page.text, code);
    return page;
  }

  it('never redirects to the redirect_uri of an unknown client', async () => {
    await expectErrorPage(
      authorizeUrl(server.issuer, { client_id: 'nobody', redirect_uri: 'https://evil.example/cb' }),
      /unauthorized_client/,
    );
    await expectErrorPage(authorizeUrl(server.issuer, { client_id: undefined }), /&quot;client_id&quot; is required/);
  });

  it('never redirects to a redirect_uri that is not registered exactly', async () => {
    for (const uri of [
      'https://evil.example/cb',
      `${SPA_CALLBACK}/`,
      `${SPA_CALLBACK}?x=1`,
      `${SPA_CALLBACK}#frag`,
      'https://SPA.test/cb',
      'HTTPS://spa.test/cb',
      'https://spa.test:443/cb',
      'https://spa.test/cb/../cb',
      'https://spa.test/%63b',
      'https://spa.test@evil.example/cb',
      'https://evil.example@spa.test/cb',
      'https://spa.test.evil.example/cb',
      'javascript:alert(1)//https://spa.test/cb',
      'http://localhost.evil.example/cb',
    ]) {
      await expectErrorPage(
        authorizeUrl(server.issuer, { redirect_uri: uri }),
        /&quot;redirect_uri&quot; does not match/,
      );
    }
    await expectErrorPage(
      authorizeUrl(server.issuer, { redirect_uri: undefined }),
      /&quot;redirect_uri&quot; is required/,
    );
  });

  it('does not redirect protocol errors to a valid redirect_uri either', async () => {
    await expectErrorPage(authorizeUrl(server.issuer, { response_type: 'token' }), /unauthorized_client/);
    await expectErrorPage(authorizeUrl(server.issuer, { scope: 'openid admin' }), /invalid_scope/);
    await expectErrorPage(`${authorizeUrl(server.issuer)}&state=second`, /&quot;state&quot; must not be repeated/);
  });

  it('rejects missing, plain and short PKCE challenges on the error page', async () => {
    await expectErrorPage(
      authorizeUrl(server.issuer, { code_challenge: undefined, code_challenge_method: undefined }),
      /&quot;code_challenge&quot; is required/,
    );
    await expectErrorPage(authorizeUrl(server.issuer, { code_challenge_method: 'plain' }), /plain is not allowed/);
    await expectErrorPage(authorizeUrl(server.issuer, { code_challenge_method: undefined }), /plain is not allowed/);
    await expectErrorPage(authorizeUrl(server.issuer, { code_challenge: 'short' }), /too short/);
    await expectErrorPage(authorizeUrl(server.issuer, { code_challenge: 'a'.repeat(129) }), /too long/);
  });

  it('never reflects the query string into the error page', async () => {
    const evil = '<script>alert(1)</script>';
    for (const url of [
      `${server.issuer}/error?errorId=${encodeURIComponent(evil)}`,
      `${server.issuer}/error?error=${encodeURIComponent(evil)}&error_description=${encodeURIComponent(evil)}`,
      `${server.issuer}/error?errorId=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`,
    ]) {
      const res = await fetch(url);
      const text = await res.text();
      assert.equal(res.status, 400);
      assert.ok(!text.includes('<script>') && !text.includes('alert(1)'), url);
      assert.match(text, /The error details have expired or were not found/);
    }
    const page = await expectErrorPage(
      authorizeUrl(server.issuer, { client_id: 'nobody', state: evil, login_hint: evil }),
      /unauthorized_client/,
    );
    assert.ok(!page.text.includes('<script>alert'));
  });

  it('refuses returnUrl values that leave the server, on the login page and after signing in', async () => {
    const browser = new Browser(server.issuer);
    const login = await browser.follow(await browser.get(authorizeUrl(server.issuer)));
    const fields = formFields(login.text, 'name="username"');
    for (const returnUrl of [
      '//evil.example',
      '/\\evil.example',
      '\\\\evil.example',
      'https://evil.example/connect/authorize/callback',
      `${server.issuer.replace('127.0.0.1', 'localhost')}/connect/authorize/callback`,
      '/%2F%2Fevil.example',
      '/%5Cevil.example',
      '/%252F%252Fevil.example',
      '/\t/evil.example',
      '/%09/evil.example',
      'javascript:alert(1)',
      '/./\\evil.example',
      ' //evil.example',
    ]) {
      const get = await browser.get(`${server.issuer}/account/login?returnUrl=${encodeURIComponent(returnUrl)}`);
      assert.equal(get.status, 400, returnUrl);
      assert.equal(get.location, undefined, returnUrl);
      const post = await browser.post(`${server.issuer}/account/login`, {
        ...fields,
        returnUrl,
        username: 'alice',
        password: 'alice-pw',
        button: 'login',
      });
      assert.equal(post.status, 400, returnUrl);
      assert.equal(post.location, undefined, returnUrl);
      const cancel = await browser.post(`${server.issuer}/account/login`, { ...fields, returnUrl, button: 'cancel' });
      assert.equal(cancel.location, undefined, returnUrl);
      const consent = await browser.get(`${server.issuer}/consent?returnUrl=${encodeURIComponent(returnUrl)}`);
      assert.equal(consent.status, 400, returnUrl);
    }
    assert.equal(browser.cookies.has('sigil.session'), false);
  });

  it('does not resume a forged or tampered authorize callback', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    for (const authz of ['', 'v1.x.y', 'eyJwYXJhbWV0ZXJzIjp7fX0', 'a'.repeat(9000)]) {
      const first = await browser.get(`${server.issuer}/connect/authorize/callback?authz=${authz}`);
      assert.ok(first.location?.startsWith(`${server.issuer}/error?errorId=`), authz.slice(0, 20));
    }
    const twice = await browser.get(`${server.issuer}/connect/authorize/callback?authz=a&authz=b`);
    assert.ok(twice.location?.startsWith(`${server.issuer}/error?errorId=`));
  });
});
