import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bearerChallenge, quoteParam } from './www-authenticate.js';

describe('WWW-Authenticate challenges', () => {
  it('is a bare Bearer without parameters', () => {
    assert.equal(bearerChallenge(), 'Bearer');
  });

  it('joins parameters with commas in one value and skips undefined ones', () => {
    assert.equal(
      bearerChallenge({
        error: 'insufficient_scope',
        error_description: 'needs openid',
        scope: 'openid',
        x: undefined,
      }),
      'Bearer error="insufficient_scope", error_description="needs openid", scope="openid"',
    );
  });

  it('escapes quotes and backslashes, and replaces control characters', () => {
    assert.equal(quoteParam('say "hi" \\o/'), '"say \\"hi\\" \\\\o/"');
    assert.equal(quoteParam('a\r\nb\tc'), '"a  b\tc"');
  });
});
