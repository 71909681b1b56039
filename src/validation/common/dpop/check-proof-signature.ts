/**
 * `check-proof-signature`: RFC 9449 §4.3 check 6, the signature verifies with the `jwk` of the
 * proof, under the header `alg` (already checked to be a supported asymmetric one).
 */
import { verifyJwtSignature } from '../../../crypto/verify-jwt.js';
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import type { DPoPProofDraft } from './types.js';

/** Verify the signature with node:crypto; a key unfit for `alg` fails too. */
export function checkProofSignature(d: DPoPProofDraft): void {
  if (!d.key || !verifyJwtSignature(d.jws, d.key, d.jws.header.alg))
    throw new InvalidDPoPProof('the proof signature is invalid');
}
