import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidCodeVerifier, s256Challenge, verifyPkceS256 } from './pkce.js';

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256', () => {
  it('verifies the RFC 7636 appendix B example', () => {
    assert.equal(s256Challenge(VERIFIER), CHALLENGE);
    assert.equal(verifyPkceS256(VERIFIER, CHALLENGE), true);
  });

  it('rejects a wrong verifier, a truncated challenge and the verifier itself as plain challenge', () => {
    assert.equal(verifyPkceS256(`${VERIFIER.slice(0, -1)}l`, CHALLENGE), false);
    assert.equal(verifyPkceS256(VERIFIER, CHALLENGE.slice(0, 42)), false);
    assert.equal(verifyPkceS256(VERIFIER, VERIFIER), false);
  });

  it('refuses verifiers outside 43 to 128 unreserved characters', () => {
    assert.equal(isValidCodeVerifier('a'.repeat(42)), false);
    assert.equal(isValidCodeVerifier('a'.repeat(129)), false);
    assert.equal(isValidCodeVerifier(`${'a'.repeat(42)}+`), false);
    assert.equal(isValidCodeVerifier('a'.repeat(128)), true);
    assert.equal(verifyPkceS256('short', s256Challenge('short')), false);
  });
});
