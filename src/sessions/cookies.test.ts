import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearCookie, cookieOptionsFor, readCookies, serializeCookie } from './cookies.js';

describe('cookies', () => {
  it('reads every value of a cookie, in header order', () => {
    const req = { headers: { cookie: 'a=1; sigil.session=first; b=2; sigil.session="second"' } };
    assert.deepEqual(readCookies(req, 'sigil.session'), ['first', 'second']);
    assert.deepEqual(readCookies(req, 'missing'), []);
    assert.deepEqual(readCookies({ headers: {} }, 'a'), []);
    assert.deepEqual(readCookies({ headers: { cookie: ['a=1', 'a=2'] } }, 'a'), ['1', '2']);
  });

  it('does not take a cookie whose name only ends with the wanted name', () => {
    assert.deepEqual(
      readCookies({ headers: { cookie: 'xsigil.session=evil; sigil.session.af=x' } }, 'sigil.session'),
      [],
    );
  });

  it('uses SameSite=None with Secure on https issuers and Lax on http', () => {
    assert.deepEqual(cookieOptionsFor('https://op.test', true), { path: '/', secure: true, sameSite: 'None' });
    assert.deepEqual(cookieOptionsFor('http://localhost:5000', true), { path: '/', secure: false, sameSite: 'Lax' });
    assert.deepEqual(cookieOptionsFor('https://op.test/tenant/', false), {
      path: '/tenant',
      secure: true,
      sameSite: 'Lax',
    });
  });

  it('writes HttpOnly cookies, persistent only with a max age', () => {
    const o = cookieOptionsFor('https://op.test/auth', true);
    assert.equal(serializeCookie('s', 'v', o), 's=v; Path=/auth; HttpOnly; SameSite=None; Secure');
    const persistent = serializeCookie('s', 'v', { ...o, maxAge: 60 }, Date.UTC(2030, 0, 1));
    assert.match(persistent, /; Max-Age=60; Expires=Tue, 01 Jan 2030 00:01:00 GMT$/);
    assert.match(
      clearCookie('s', o),
      /^s=; Path=\/auth; HttpOnly; SameSite=None; Secure; Max-Age=0; Expires=Thu, 01 Jan 1970/,
    );
  });
});
