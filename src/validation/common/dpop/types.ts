/**
 * The draft a DPoP proof is checked on (RFC 9449 §4.3): what the request expects, the decoded
 * proof, and what the steps learn (the key and its thumbprint).
 */
import type { KeyObject } from 'node:crypto';
import type { ServerContext } from '../../../context.js';
import type { DecodedJwt } from '../../../crypto/decode-jwt.js';

/** What the request a proof came with expects of it. */
export interface DPoPExpectation {
  /** The HTTP method of the request (`htm`). */
  readonly method: string;
  /** The endpoint URL from `ctx.urls` (`htu`), without query or fragment. */
  readonly url: string;
  /** The access token presented with the proof, when any (`ath`, §4.3 check 11). */
  readonly accessToken?: string;
}

/** A proof being checked; each step reads it and may fill `key` and `jkt`. */
export interface DPoPProofDraft {
  readonly ctx: ServerContext;
  readonly expected: DPoPExpectation;
  readonly jws: DecodedJwt;
  /** The public key of the `jwk` header, once imported. */
  key?: KeyObject;
  /** The RFC 7638 thumbprint of `jwk`, once imported. */
  jkt?: string;
}

/** One check of a proof; throws `invalid_dpop_proof` when the proof fails it. */
export type DPoPProofStep = (d: DPoPProofDraft) => void | Promise<void>;

/** A proof that passed every check. */
export interface ValidatedDPoPProof {
  /** The RFC 7638 SHA-256 thumbprint of the proof key (RFC 9449 §6.1 `jkt`). */
  readonly jkt: string;
  readonly jti: string;
  readonly iat: number;
}
