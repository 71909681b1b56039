/**
 * Reading the `DPoP` request header. RFC 9449 §4.3 check 1: there is not more than one.
 */
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import type { SigilRequest } from '../../../host/request.js';

/** Longest accepted proof, in characters (Duende `DPoPProofToken` limit). */
export const MAX_DPOP_PROOF_LENGTH = 4000;

/**
 * The `DPoP` header of a request, or undefined when there is none. One property lookup when the
 * header is absent, so requests without DPoP pay nothing more.
 *
 * @throws {InvalidDPoPProof} when the header is repeated, empty or too long.
 */
export function readDPoPHeader(req: SigilRequest): string | undefined {
  const value = req.headers.dpop;
  if (value === undefined) return undefined;
  // node:http joins repeated unknown headers with ", "; a compact JWS never contains a comma.
  if (Array.isArray(value) || value.includes(',')) throw new InvalidDPoPProof('the "DPoP" header must not be repeated');
  if (value.length === 0) throw new InvalidDPoPProof('the "DPoP" header is empty');
  if (value.length > MAX_DPOP_PROOF_LENGTH)
    throw new InvalidDPoPProof(`the "DPoP" proof exceeds ${MAX_DPOP_PROOF_LENGTH} characters`);
  return value;
}
