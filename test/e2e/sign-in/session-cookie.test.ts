import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signJwt } from '../../../src/crypto/sign-jwt.js';
import { createMemoryStores } from '../../../src/stores/memory/memory-stores.js';
import { startServer, type TestServer } from '../support/start-server.js';
import { Browser } from './browser.js';
import { authorizeUrl, authorizeWithLogin, responseParams, signInFixture } from './fixture.js';

const MASTER_KEY = Buffer.alloc(32, 9).toString('base64');

describe('the session cookie across applications, and id_token_hint', () => {
  let server: TestServer;
  let other: TestServer;
  before(async () => {
    // Two applications sharing one key store and master key: only the application name differs.
    const stores = createMemoryStores();
    const keep = { ...stores, close: async () => undefined };
    server = await startServer({ ...signInFixture(), stores: keep, dataProtection: { masterKey: MASTER_KEY } });
    other = await startServer({
      ...signInFixture(),
      stores: keep,
      dataProtection: { masterKey: MASTER_KEY, applicationName: 'another-application' },
    });
  });
  after(async () => {
    await other.close();
    await server.close();
  });

  it('treats a session cookie protected under another application name as signed out, and clears it', async () => {
    const foreign = new Browser(other.issuer);
    await authorizeWithLogin(foreign, authorizeUrl(other.issuer));
    const cookie = foreign.cookies.get('sigil.session')!.value;
    const res = await fetch(authorizeUrl(server.issuer, { prompt: 'none' }), {
      redirect: 'manual',
      headers: { cookie: `sigil.session=${cookie}` },
    });
    assert.equal(res.status, 303);
    assert.equal(responseParams(res.headers.get('location')!).get('error'), 'login_required');
    assert.ok(res.headers.getSetCookie().some((c) => /^sigil\.session=; .*Max-Age=0/.test(c)));
    const page = await fetch(authorizeUrl(server.issuer), {
      redirect: 'manual',
      headers: { cookie: `sigil.session=${cookie}` },
    });
    assert.match(page.headers.get('location')!, /\/account\/login\?returnUrl=/);
  });

  it('treats a tampered or garbage cookie as signed out, never as a server error', async () => {
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const good = browser.cookies.get('sigil.session')!.value;
    for (const value of [`${good.slice(0, -3)}AAA`, 'v1.nokey.AAAA', 'garbage', '%00%ff', 'a'.repeat(4000)]) {
      const res = await fetch(authorizeUrl(server.issuer, { prompt: 'none' }), {
        redirect: 'manual',
        headers: { cookie: `sigil.session=${value}` },
      });
      assert.equal(res.status, 303, value.slice(0, 20));
      assert.equal(responseParams(res.headers.get('location')!).get('error'), 'login_required');
    }
  });

  it('uses id_token_hint: a code for the same user, login_required or a prefilled login for another', async () => {
    const hint = (sub: string) =>
      signJwt(
        server.sigil.keys.getSigningKey(),
        { iss: server.issuer, aud: 'spa', sub, iat: 0, exp: 1 },
        { typ: 'JWT' },
      );
    const browser = new Browser(server.issuer);
    await authorizeWithLogin(browser, authorizeUrl(server.issuer));
    const same = await browser.get(authorizeUrl(server.issuer, { prompt: 'none', id_token_hint: hint('alice-id') }));
    assert.ok(responseParams(same.location).get('code'), 'an expired ID token is still a valid hint');
    const otherUser = await browser.get(authorizeUrl(server.issuer, { prompt: 'none', id_token_hint: hint('bob-id') }));
    assert.equal(responseParams(otherUser.location).get('error'), 'login_required');
    const login = await browser.follow(
      await browser.get(authorizeUrl(server.issuer, { id_token_hint: hint('bob-id') })),
    );
    assert.match(login.text, /id="username" name="username" value="bob"/);
    const foreignHint = signJwt(
      other.sigil.keys.getSigningKey(),
      { iss: other.issuer, aud: 'spa', sub: 'alice-id' },
      { typ: 'JWT' },
    );
    const bad = await browser.follow(await browser.get(authorizeUrl(server.issuer, { id_token_hint: foreignHint })));
    assert.equal(bad.status, 400);
    assert.match(bad.text, /&quot;id_token_hint&quot; is not a valid ID token/);
  });
});
