/**
 * PKCE at the token endpoint (RFC 7636 §4.5, §4.6; RFC 9700 §2.1.1, §4.8.2). The verifier is
 * checked against the challenge stored with the code, with the method the code was issued with.
 */
import { timingSafeEqual } from 'node:crypto';
import { isValidCodeVerifier, verifyPkceS256 } from '../../crypto/pkce.js';
import { InvalidGrant } from '../../errors/oauth-error.js';

/** The PKCE facts an authorization code carries. */
export interface StoredCodeChallenge {
  readonly codeChallenge?: string;
  /** RFC 7636 §4.3: `plain` when absent. */
  readonly codeChallengeMethod?: 'S256' | 'plain';
}

/**
 * Check `code_verifier` against the code's challenge. Every failure is `invalid_grant`, as the
 * verifier is part of the grant:
 * - a challenge was stored and no verifier (or a malformed one) was sent;
 * - a verifier was sent for a code issued without a challenge (a PKCE downgrade);
 * - the client requires PKCE and the code has no challenge;
 * - the verifier does not match, by S256, or by `plain` only when the code was issued with `plain`.
 */
export function checkCodeVerifier(stored: StoredCodeChallenge, verifier: string | undefined, requirePkce: boolean) {
  // RFC 7636 §4.6
  if (stored.codeChallenge === undefined) {
    if (verifier !== undefined)
      throw new InvalidGrant('"code_verifier" was sent but the authorization request had no code_challenge');
    if (requirePkce)
      throw new InvalidGrant('the client requires PKCE but the authorization request had no code_challenge');
    return;
  }
  if (verifier === undefined) throw new InvalidGrant('"code_verifier" is required');
  if (!isValidCodeVerifier(verifier))
    throw new InvalidGrant('"code_verifier" must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~');
  const method = stored.codeChallengeMethod ?? 'plain';
  const ok =
    method === 'S256' ? verifyPkceS256(verifier, stored.codeChallenge) : plainMatches(verifier, stored.codeChallenge);
  if (!ok) throw new InvalidGrant('"code_verifier" does not match the code_challenge');
}

function plainMatches(verifier: string, challenge: string): boolean {
  const a = Buffer.from(verifier, 'ascii');
  const b = Buffer.from(challenge, 'ascii');
  return a.length === b.length && timingSafeEqual(a, b);
}
