/**
 * `check-proof-htm`: RFC 9449 §4.3 check 8, `htm` is the method of the request.
 */
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import type { DPoPProofDraft } from './types.js';

/** Require `htm` equal to the request method. */
export function checkProofHtm(d: DPoPProofDraft): void {
  if (d.jws.payload.htm !== d.expected.method)
    throw new InvalidDPoPProof(`the proof "htm" must be "${d.expected.method}"`);
}
