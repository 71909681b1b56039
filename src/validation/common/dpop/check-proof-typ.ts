/**
 * `check-proof-typ`: RFC 9449 §4.3 check 4, the JOSE header `typ` is `dpop+jwt`, so that no other
 * kind of JWT can pass as a proof (RFC 8725 §3.11).
 */
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import type { DPoPProofDraft } from './types.js';

/** Require `typ: dpop+jwt`, and refuse `crit`: Sigil understands no JWS extension (RFC 7515 §4.1.11). */
export function checkProofTyp(d: DPoPProofDraft): void {
  // RFC 9449 §4.2: the exact media type; RFC 7515 §4.1.9 lets the comparison ignore case.
  if (d.jws.header.typ?.toLowerCase() !== 'dpop+jwt') throw new InvalidDPoPProof('the proof "typ" must be "dpop+jwt"');
  if ('crit' in d.jws.header) throw new InvalidDPoPProof('the proof header must not have "crit"');
}
