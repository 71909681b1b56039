/**
 * `check-proof-jti`: RFC 9449 §4.3 check 12 and §11.1, `jti` is present and has not been seen
 * with this key while the proof could still be accepted. It runs last, so that only proofs that
 * passed every other check take a place in the replay cache.
 */
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import { DPOP_CLOCK_SKEW, DPOP_PROOF_VALIDITY } from './check-proof-iat.js';
import type { DPoPProofDraft } from './types.js';

/** Longest accepted `jti`, in characters. */
export const MAX_DPOP_JTI_LENGTH = 256;

/** Record `jti` atomically until the proof expires; a second use is a replay. */
export async function checkProofJti(d: DPoPProofDraft): Promise<void> {
  const jti = d.jws.payload.jti;
  if (typeof jti !== 'string' || jti.length === 0) throw new InvalidDPoPProof('the proof must have a "jti"');
  if (jti.length > MAX_DPOP_JTI_LENGTH)
    throw new InvalidDPoPProof(`the proof "jti" exceeds ${MAX_DPOP_JTI_LENGTH} characters`);
  const iat = d.jws.payload.iat as number;
  // Until the last moment check-proof-iat would accept this proof.
  const until = Math.ceil(iat) + DPOP_PROOF_VALIDITY + 2 * DPOP_CLOCK_SKEW;
  // Scoped by key: one client cannot spend another client's jti values.
  if (!(await d.ctx.stores.replay.add('dpop', `${d.jkt}.${jti}`, until)))
    throw new InvalidDPoPProof('the proof has already been used ("jti")');
}
