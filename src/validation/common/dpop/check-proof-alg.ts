/**
 * `check-proof-alg`: RFC 9449 §4.3 check 5, `alg` is an asymmetric algorithm Sigil supports; never
 * `none` nor a MAC (§4.2).
 */
import { isSupportedAlgorithm, SUPPORTED_ALGORITHM_NAMES } from '../../../crypto/algorithms.js';
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import type { DPoPProofDraft } from './types.js';

/** The proof `alg` values accepted, as announced in `dpop_signing_alg_values_supported`. */
export const DPOP_SIGNING_ALGORITHMS: readonly string[] = SUPPORTED_ALGORITHM_NAMES;

/** Require a supported asymmetric `alg`. */
export function checkProofAlg(d: DPoPProofDraft): void {
  if (!isSupportedAlgorithm(d.jws.header.alg))
    throw new InvalidDPoPProof(`the proof "alg" must be one of ${DPOP_SIGNING_ALGORITHMS.join(', ')}`);
}
