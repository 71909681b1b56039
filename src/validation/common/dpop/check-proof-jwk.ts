/**
 * `check-proof-jwk`: RFC 9449 §4.3 check 7, the `jwk` header is a public key, without private
 * members; its RFC 7638 thumbprint is the `jkt` tokens are bound to (§6.1).
 */
import { importPublicJwk, privateMembersOf } from '../../../crypto/jwk.js';
import { jwkThumbprint } from '../../../crypto/thumbprint.js';
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import type { DPoPProofDraft } from './types.js';

/** Import `jwk` as a public KeyObject and compute its thumbprint. */
export function checkProofJwk(d: DPoPProofDraft): void {
  const jwk = d.jws.header.jwk;
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk))
    throw new InvalidDPoPProof('the proof header must have a "jwk" object');
  const members = jwk as Record<string, unknown>;
  if (privateMembersOf(members).length > 0) throw new InvalidDPoPProof('the proof "jwk" must not be a private key');
  try {
    d.key = importPublicJwk(members);
    d.jkt = jwkThumbprint(members);
  } catch (err) {
    throw new InvalidDPoPProof('the proof "jwk" is not a valid public key', { detail: (err as Error).message });
  }
}
