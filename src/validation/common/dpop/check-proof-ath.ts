/**
 * `check-proof-ath`: RFC 9449 §4.3 check 11 and §7.1, a proof sent with an access token carries
 * `ath`, the base64url SHA-256 of that token.
 */
import { timingSafeEqual } from 'node:crypto';
import { sha256b64url } from '../../../crypto/handles.js';
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import type { DPoPProofDraft } from './types.js';

/** Require `ath` to hash the presented access token; nothing to check without one. */
export function checkProofAth(d: DPoPProofDraft): void {
  const token = d.expected.accessToken;
  if (token === undefined) return;
  const ath = d.jws.payload.ath;
  if (typeof ath !== 'string') throw new InvalidDPoPProof('the proof must have "ath" when sent with an access token');
  const expected = Buffer.from(sha256b64url(token));
  const presented = Buffer.from(ath);
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
    throw new InvalidDPoPProof('the proof "ath" does not match the access token');
}
