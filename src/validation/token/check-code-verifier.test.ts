import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { s256Challenge } from '../../crypto/pkce.js';
import { isOAuthError } from '../../errors/oauth-error.js';
import { checkCodeVerifier, type StoredCodeChallenge } from './check-code-verifier.js';

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
// RFC 7636 appendix B
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

function outcome(stored: StoredCodeChallenge, verifier: string | undefined, requirePkce = true): string {
  try {
    checkCodeVerifier(stored, verifier, requirePkce);
    return 'ok';
  } catch (e) {
    assert.ok(isOAuthError(e));
    return e.error;
  }
}

describe('PKCE at the token endpoint', () => {
  const s256: StoredCodeChallenge = { codeChallenge: CHALLENGE, codeChallengeMethod: 'S256' };

  it('follows the table of RFC 7636 §4.6 and the downgrade rule of RFC 9700 §4.8.2', () => {
    const table: [string, StoredCodeChallenge, string | undefined, boolean, string][] = [
      ['the RFC 7636 example verifier', s256, VERIFIER, true, 'ok'],
      ['a missing verifier', s256, undefined, true, 'invalid_grant'],
      ['a wrong verifier', s256, `${VERIFIER.slice(0, -1)}Y`, true, 'invalid_grant'],
      ['a 42-character verifier', s256, VERIFIER.slice(0, 42), true, 'invalid_grant'],
      ['a 129-character verifier', s256, 'a'.repeat(129), true, 'invalid_grant'],
      ['a verifier with a space', s256, `${VERIFIER.slice(0, 42)} `, true, 'invalid_grant'],
      ['a verifier with a plus', s256, `${VERIFIER.slice(0, 42)}+`, true, 'invalid_grant'],
      ['a verifier with a non-ASCII letter', s256, `${VERIFIER.slice(0, 42)}é`, true, 'invalid_grant'],
      ['the challenge itself as verifier', s256, CHALLENGE, true, 'invalid_grant'],
      ['a verifier without a stored challenge (downgrade)', {}, VERIFIER, false, 'invalid_grant'],
      ['no challenge and no verifier when PKCE is optional', {}, undefined, false, 'ok'],
      ['no challenge and no verifier when the client requires PKCE', {}, undefined, true, 'invalid_grant'],
      [
        'plain, when the code was issued with plain',
        { codeChallenge: VERIFIER, codeChallengeMethod: 'plain' },
        VERIFIER,
        true,
        'ok',
      ],
      ['plain, when the method was omitted (RFC 7636 §4.3)', { codeChallenge: VERIFIER }, VERIFIER, true, 'ok'],
      [
        'plain with another verifier',
        { codeChallenge: VERIFIER, codeChallengeMethod: 'plain' },
        'b'.repeat(43),
        true,
        'invalid_grant',
      ],
      [
        'an S256 challenge sent as verifier to a plain code',
        { codeChallenge: CHALLENGE, codeChallengeMethod: 'plain' },
        VERIFIER,
        true,
        'invalid_grant',
      ],
    ];
    for (const [name, stored, verifier, requirePkce, expected] of table)
      assert.equal(outcome(stored, verifier, requirePkce), expected, name);
  });

  it('accepts exactly the verifiers whose S256 hash is the challenge', () => {
    const unreserved = fc.constantFrom(
      ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'.split(''),
    );
    const verifier = fc.array(unreserved, { minLength: 43, maxLength: 128 }).map((a) => a.join(''));
    fc.assert(
      fc.property(verifier, verifier, (v, other) => {
        const stored = { codeChallenge: s256Challenge(v), codeChallengeMethod: 'S256' as const };
        assert.equal(outcome(stored, v), 'ok');
        assert.equal(outcome(stored, other), other === v ? 'ok' : 'invalid_grant');
      }),
    );
  });
});
