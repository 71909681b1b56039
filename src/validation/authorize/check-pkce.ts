/**
 * `check-pkce`: a code challenge is required unless the client opted out; S256 only unless the
 * client allows `plain`; the challenge has the length and alphabet of RFC 7636.
 */
import { isValidS256Challenge } from '../../crypto/pkce.js';
import { InvalidRequest } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import type { AuthorizeDraft } from './types.js';

const VERIFIER_ALPHABET = /^[A-Za-z0-9\-._~]+$/;

/** Check `code_challenge` and `code_challenge_method`. */
// RFC 7636 §4.3, §4.4.1; RFC 9700 §2.1.1
export function checkPkce(d: AuthorizeDraft): void {
  if (d.grantType === 'implicit') return;
  const challenge = d.params.get('code_challenge', LIMITS.codeChallengeMax);
  const method = d.params.get('code_challenge_method', 100);
  if (challenge === undefined) {
    if (method !== undefined) throw new InvalidRequest('"code_challenge_method" was sent without "code_challenge"');
    if (d.client!.requirePkce) throw new InvalidRequest('"code_challenge" is required (PKCE, RFC 7636)');
    return;
  }
  // RFC 7636 §4.3: "defaults to plain if not present in the request".
  const m = method ?? 'plain';
  if (m !== 'S256' && m !== 'plain') throw new InvalidRequest('"code_challenge_method" must be S256');
  if (m === 'plain' && !d.client!.allowPlainTextPkce)
    throw new InvalidRequest('"code_challenge_method" plain is not allowed for this client; use S256');
  if (challenge.length < LIMITS.codeChallengeMin)
    throw new InvalidRequest(`"code_challenge" is too short (at least ${LIMITS.codeChallengeMin} characters)`);
  if (m === 'S256' && !isValidS256Challenge(challenge))
    throw new InvalidRequest('"code_challenge" must be the 43-character base64url SHA-256 of the code verifier');
  if (m === 'plain' && !VERIFIER_ALPHABET.test(challenge))
    throw new InvalidRequest('"code_challenge" may only hold the characters of a code verifier');
  d.pkce = { challenge, method: m };
}
