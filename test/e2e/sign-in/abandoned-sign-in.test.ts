import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PENDING_AUTHORIZATION_LIFETIME } from '../../../src/interaction/pending-authorization.js';
import { startServer, type TestServer } from '../support/start-server.js';
import { Browser } from './browser.js';
import { authorizeUrl, responseParams, SPA_CALLBACK, signInFixture, submitLogin } from './fixture.js';

// node-oidc-provider #801: once an interaction expires, the error cannot reach the client. Here the
// request travels in the return URL, so even an abandoned sign-in is answered to the client.
describe('a sign-in that waited too long', () => {
  let server: TestServer;
  const clock = { now: Math.floor(Date.now() / 1000) };
  before(async () => {
    server = await startServer({ ...signInFixture(), now: () => clock.now });
  });
  after(() => server.close());

  it('answers the client with access_denied, state and iss instead of stranding the user', async () => {
    const browser = new Browser(server.issuer);
    const login = await browser.follow(await browser.get(authorizeUrl(server.issuer)));
    clock.now += PENDING_AUTHORIZATION_LIFETIME + 1;
    const done = await browser.follow(await submitLogin(browser, login, 'alice', 'alice-pw'));
    assert.ok(done.location!.startsWith(`${SPA_CALLBACK}?`));
    assert.ok(done.location!.endsWith('#_'));
    const params = responseParams(done.location);
    assert.equal(params.get('error'), 'access_denied');
    assert.equal(params.get('state'), 'st-123');
    assert.equal(params.get('iss'), server.issuer);
    const retry = await browser.get(authorizeUrl(server.issuer));
    assert.ok(responseParams(retry.location).get('code'), 'the user is signed in, so the retry succeeds at once');
  });

  it('needs no interaction cookie: a browser that lost its cookies after the login page still signs in', async () => {
    const browser = new Browser(server.issuer);
    const login = await browser.follow(await browser.get(authorizeUrl(server.issuer)));
    assert.deepEqual([...browser.cookies.keys()], ['sigil.session.af'], 'only the anti-forgery cookie is set');
    browser.cookies.clear();
    const fresh = await browser.get(login.url);
    const done = await browser.follow(await submitLogin(browser, fresh, 'alice', 'alice-pw'));
    assert.ok(responseParams(done.location).get('code'));
  });
});
