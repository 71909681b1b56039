import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { pino } from 'pino';
import { createIdentityServer } from '../../../src/server/create-identity-server.js';
import type { IdentityServer } from '../../../src/server/types.js';
import { Browser } from './browser.js';
import { authorizeUrl, responseParams, SPA_CALLBACK, signInFixture } from './fixture.js';

/**
 * A host that brings its own login and consent pages (Express routes) and uses the interaction API,
 * with Sigil mounted in the same app.
 */
describe('a custom login page built on the interaction API in Express', () => {
  let http: Server;
  let sigil: IdentityServer;
  let issuer: string;
  let dataDir: string;

  before(async () => {
    const app = express();
    http = createServer(app);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'sigil-custom-'));
    sigil = await createIdentityServer({
      ...signInFixture(),
      issuer,
      dataDir,
      store: { type: 'memory' },
      logger: pino({ level: 'silent' }),
      ui: { loginUrl: '/my/login', consentUrl: '/my/consent', createAccountUrl: '/my/register' },
    });

    app.get('/my/login', async (req, res) => {
      const context = await sigil.interaction.getAuthorizationContext(String(req.query.returnUrl));
      if (!context) return void res.status(400).send('bad returnUrl');
      res
        .type('text/plain')
        .send(
          `login for ${context.client.clientId} scopes=${context.scopes.join(',')} hint=${context.loginHint ?? ''}`,
        );
    });
    app.post('/my/login', express.urlencoded({ extended: false }), async (req, res) => {
      const user = await sigil.context.users.validateCredentials(req.body.username, req.body.password);
      if (!user) return void res.status(401).send('wrong');
      const { cookies, redirectTo } = await sigil.interaction.signIn(
        { headers: req.headers },
        { subjectId: user.subjectId, displayName: 'Custom Alice', username: user.username },
        { returnUrl: req.body.returnUrl },
      );
      res.setHeader('set-cookie', [...cookies]).redirect(303, redirectTo);
    });
    app.post('/my/deny', express.urlencoded({ extended: false }), async (req, res) => {
      const { redirectTo } = await sigil.interaction.denyAuthorization(req.body.returnUrl, 'access_denied');
      res.redirect(303, redirectTo);
    });
    app.get('/my/consent', async (req, res) => {
      const { redirectTo, cookies } = await sigil.interaction.grantConsent(
        { headers: req.headers },
        String(req.query.returnUrl),
        { scopes: ['openid'], remember: false },
      );
      res.setHeader('set-cookie', [...cookies]).redirect(303, redirectTo);
    });
    app.post('/my/register', express.urlencoded({ extended: false }), async (req, res) => {
      // A real page would create the account first; here bob "registers".
      const { cookies, redirectTo } = await sigil.interaction.signIn(
        { headers: req.headers },
        { subjectId: 'bob-id', displayName: 'Bob' },
        { returnUrl: req.body.returnUrl },
      );
      res.setHeader('set-cookie', [...cookies]).redirect(303, redirectTo);
    });
    app.use(sigil.handler);
  });
  after(async () => {
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
    await sigil.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends the user to the custom page, which signs in through the interaction API', async () => {
    const browser = new Browser(issuer);
    const first = await browser.get(authorizeUrl(issuer, { login_hint: 'alice' }));
    assert.match(first.location!, new RegExp(`^${issuer}/my/login\\?returnUrl=%2Fconnect%2Fauthorize%2Fcallback`));
    const page = await browser.get(first.location!);
    assert.equal(page.text, 'login for spa scopes=openid,profile hint=alice');
    const returnUrl = new URL(first.location!).searchParams.get('returnUrl')!;
    const posted = await browser.post(`${issuer}/my/login`, { username: 'alice', password: 'alice-pw', returnUrl });
    assert.equal(posted.status, 303);
    assert.match(browser.cookies.get('sigil.session')!.attributes, /HttpOnly/);
    const done = await browser.follow(posted);
    assert.ok(done.location!.startsWith(SPA_CALLBACK));
    assert.ok(responseParams(done.location).get('code'));
    const [session] = await sigil.sessions.listSessions('alice-id');
    assert.equal(session?.displayName, 'Custom Alice');
  });

  it('routes consent through the custom consent page', async () => {
    const browser = new Browser(issuer);
    const url = authorizeUrl(issuer, {
      client_id: 'web',
      redirect_uri: 'https://client.test/cb',
      scope: 'openid profile',
    });
    const login = await browser.get(url);
    const returnUrl = new URL(login.location!).searchParams.get('returnUrl')!;
    const posted = await browser.post(`${issuer}/my/login`, { username: 'alice', password: 'alice-pw', returnUrl });
    const consent = await browser.get((await browser.get(posted.location!)).location!);
    assert.equal(consent.status, 303);
    const done = await browser.follow(consent);
    assert.ok(responseParams(done.location).get('code'));
  });

  it('sends prompt=create to the sign-up page, which signs the new user in', async () => {
    const browser = new Browser(issuer);
    const first = await browser.get(authorizeUrl(issuer, { prompt: 'create' }));
    assert.match(first.location!, new RegExp(`^${issuer}/my/register\\?returnUrl=`));
    const returnUrl = new URL(first.location!).searchParams.get('returnUrl')!;
    const done = await browser.follow(await browser.post(`${issuer}/my/register`, { returnUrl }));
    assert.ok(responseParams(done.location).get('code'));
    const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    assert.deepEqual(discovery.prompt_values_supported, ['none', 'login', 'consent', 'select_account', 'create']);
    assert.equal(discovery.authorization_endpoint, `${issuer}/connect/authorize`);
    assert.equal(discovery.authorization_response_iss_parameter_supported, true);
    assert.equal(discovery.request_uri_parameter_supported, false);
  });

  it('denies through the interaction API, and no longer serves the built-in login page', async () => {
    const browser = new Browser(issuer);
    const first = await browser.get(authorizeUrl(issuer));
    const returnUrl = new URL(first.location!).searchParams.get('returnUrl')!;
    const denied = await browser.follow(await browser.post(`${issuer}/my/deny`, { returnUrl }));
    assert.equal(responseParams(denied.location).get('error'), 'access_denied');
    assert.equal((await fetch(`${issuer}/account/login`)).status, 404);
    assert.equal(
      await sigil.interaction.getAuthorizationContext('//evil.example/connect/authorize/callback?authz=x'),
      undefined,
    );
    await assert.rejects(sigil.interaction.denyAuthorization('/connect/authorize/callback?authz=forged'), /return URL/);
  });
});
