/**
 * `check-proof-iat`: RFC 9449 §4.3 check 10 and §11.1, the proof was created recently: `iat`
 * within the proof validity window, with a little skew either way. Server nonces (§8) are not
 * used; freshness rests on `iat` alone (Duende `DPoPValidationMode.Iat`).
 */
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import type { DPoPProofDraft } from './types.js';

/** How long after its `iat` a proof is accepted, in seconds (Duende `ProofTokenValidityDuration`). */
export const DPOP_PROOF_VALIDITY = 60;
/** Clock skew tolerated either way around `iat`, in seconds. */
export const DPOP_CLOCK_SKEW = 5;

/** Require `iat` in `[now - validity - skew, now + skew]`. */
export function checkProofIat(d: DPoPProofDraft): void {
  const iat = d.jws.payload.iat;
  if (typeof iat !== 'number' || !Number.isFinite(iat))
    throw new InvalidDPoPProof('the proof must have a numeric "iat"');
  const now = d.ctx.now();
  if (iat > now + DPOP_CLOCK_SKEW) throw new InvalidDPoPProof('the proof "iat" is in the future');
  if (iat < now - DPOP_PROOF_VALIDITY - DPOP_CLOCK_SKEW) throw new InvalidDPoPProof('the proof has expired ("iat")');
}
