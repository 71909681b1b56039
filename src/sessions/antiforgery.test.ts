import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerContext } from '../context.js';
import type { IdentityServer } from '../server/types.js';
import { ANTIFORGERY_TOKEN_LIFETIME, createAntiforgery } from './antiforgery.js';
import { cookieHeader, startSessionContext } from './session.case.js';

describe('anti-forgery tokens', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  let clock: { now: number };
  before(async () => ({ server, ctx, clock } = await startSessionContext()));
  after(() => server.close());

  it('sets a Lax, HttpOnly pre-login cookie and accepts the token with it', () => {
    const af = createAntiforgery(ctx);
    const { token, cookies } = af.issue({ headers: {} }, 'login:/r');
    assert.equal(cookies.length, 1);
    assert.match(cookies[0]!, /^sigil\.session\.af=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    assert.equal(af.verify(cookieHeader(cookies), token, 'login:/r'), true);
  });

  it('reuses the existing cookie, so two open tabs both stay valid', () => {
    const af = createAntiforgery(ctx);
    const first = af.issue({ headers: {} }, 'login:/a');
    const browser = cookieHeader(first.cookies);
    const second = af.issue(browser, 'login:/b');
    assert.deepEqual(second.cookies, []);
    assert.equal(af.verify(browser, first.token, 'login:/a'), true);
    assert.equal(af.verify(browser, second.token, 'login:/b'), true);
  });

  it('rejects a missing cookie, another browser cookie, another binding, tampering and expiry', () => {
    const af = createAntiforgery(ctx);
    const { token, cookies } = af.issue({ headers: {} }, 'login:/r');
    const browser = cookieHeader(cookies);
    const attacker = cookieHeader(af.issue({ headers: {} }, 'login:/r').cookies);
    assert.equal(af.verify({ headers: {} }, token, 'login:/r'), false);
    assert.equal(af.verify(attacker, token, 'login:/r'), false);
    assert.equal(af.verify(browser, token, 'login:/other'), false);
    assert.equal(af.verify(browser, token, 'consent:/r'), false);
    assert.equal(af.verify(browser, `${token.slice(0, -2)}AA`, 'login:/r'), false);
    assert.equal(af.verify(browser, undefined, 'login:/r'), false);
    assert.equal(af.verify(browser, '', 'login:/r'), false);
    clock.now += ANTIFORGERY_TOKEN_LIFETIME + 1;
    assert.equal(af.verify(browser, token, 'login:/r'), false);
  });
});
