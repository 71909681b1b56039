import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isLocalUrl, isValidReturnUrl, MAX_RETURN_URL_LENGTH, toLocal } from './return-url.js';

// RFC 9700 §4.11; CVE-2024-39694 (Duende IsLocalUrl); security.md X12.
describe('return URL validation', () => {
  it('accepts root-relative paths on this server', () => {
    for (const url of [
      '/connect/authorize/callback?authz=v1.k1.abc',
      '/account/login',
      '/device?userCode=1234',
      '/a/b.c/d?x=%2F%2F',
      '/.well-known/openid-configuration',
    ]) {
      assert.equal(isLocalUrl(url), true, url);
    }
  });

  it('rejects every open-redirect form', () => {
    for (const url of [
      '//evil.example',
      '//evil.example/path',
      '/\\evil.example',
      '\\\\evil.example',
      '/\\/evil.example',
      'http://evil.example',
      'https://evil.example/connect/authorize/callback',
      'HTTPS://evil.example',
      'javascript:alert(1)',
      'evil.example',
      '~/x',
      '/%2F%2Fevil.example',
      '/%2f/evil.example',
      '/%5Cevil.example',
      '/%5cevil.example',
      '%2F%2Fevil.example',
      '/%252F%252Fevil.example',
      '/%25252F%25252Fevil.example',
      '/\t/evil.example',
      '/%09/evil.example',
      '/\n/evil.example',
      '/%0d%0a/evil.example',
      ' /account',
      '/account ',
      '/.//evil.example',
      '/./x',
      '/../x',
      '/a/%2e%2e/x',
      '/a//b',
      '/%E2%80%8B//evil.example',
      '/\u3000/evil.example',
      '/％2F/evil.example',
      '/%ZZ',
      '',
      `/${'a'.repeat(MAX_RETURN_URL_LENGTH)}`,
    ]) {
      assert.equal(isLocalUrl(url), false, JSON.stringify(url));
    }
  });

  it('rejects values that are not strings', () => {
    for (const v of [undefined, null, 1, ['/x'], { toString: () => '/x' }]) assert.equal(isLocalUrl(v), false);
  });

  it('never accepts a URL that a browser would resolve to another origin', () => {
    const base = 'https://op.test/sub/page';
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl(),
          fc.tuple(fc.constantFrom('/', '//', '/\\', '/%2F', '/%5C', '\\'), fc.string()).map(([a, b]) => a + b),
        ),
        (url) => {
          if (!isLocalUrl(url)) return;
          assert.equal(new URL(url, base).origin, 'https://op.test', url);
          assert.equal(new URL(decodeURIComponent(url), base).origin, 'https://op.test', url);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('keeps return URLs under the issuer path', () => {
    const issuer = 'https://op.test/auth';
    assert.equal(isValidReturnUrl(issuer, '/auth/connect/authorize/callback?authz=x'), true);
    assert.equal(isValidReturnUrl(issuer, '/auth'), true);
    assert.equal(isValidReturnUrl(issuer, '/authx/connect'), false);
    assert.equal(isValidReturnUrl(issuer, '/other/app'), false);
    assert.equal(isValidReturnUrl('https://op.test', '/anything'), true);
  });

  it('accepts the issuer origin in absolute form only when asked', () => {
    const issuer = 'https://op.test';
    const url = 'https://op.test/connect/authorize/callback?authz=x';
    assert.equal(isValidReturnUrl(issuer, url), false);
    assert.equal(isValidReturnUrl(issuer, url, true), true);
    assert.equal(toLocal(issuer, url, true), '/connect/authorize/callback?authz=x');
    assert.equal(isValidReturnUrl(issuer, 'https://op.test.evil.example/connect', true), false);
    assert.equal(isValidReturnUrl(issuer, 'https://op.test@evil.example/connect', true), false);
    assert.equal(isValidReturnUrl(issuer, 'https://op.test//evil.example', true), false);
    assert.equal(isValidReturnUrl(issuer, 'http://op.test/connect', true), false);
  });
});
