/**
 * DPoP proof validation (RFC 9449 §4.3). The checks run in the order of the table below; each
 * lives in the file of its name and names its section. Nonces (§8) are not used.
 */
import type { ServerContext } from '../../../context.js';
import { type DecodedJwt, decodeJwt } from '../../../crypto/decode-jwt.js';
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import type { SigilRequest } from '../../../host/request.js';
import { checkProofAlg } from './check-proof-alg.js';
import { checkProofAth } from './check-proof-ath.js';
import { checkProofHtm } from './check-proof-htm.js';
import { checkProofHtu } from './check-proof-htu.js';
import { checkProofIat } from './check-proof-iat.js';
import { checkProofJti } from './check-proof-jti.js';
import { checkProofJwk } from './check-proof-jwk.js';
import { checkProofSignature } from './check-proof-signature.js';
import { checkProofTyp } from './check-proof-typ.js';
import { MAX_DPOP_PROOF_LENGTH, readDPoPHeader } from './read-dpop-header.js';
import type { DPoPExpectation, DPoPProofDraft, DPoPProofStep, ValidatedDPoPProof } from './types.js';

/** The checks, in order. `check-proof-jti` writes to the replay cache, so it comes last. */
export const DPOP_PROOF_STEPS: readonly (readonly [name: string, step: DPoPProofStep])[] = [
  ['check-proof-typ', checkProofTyp],
  ['check-proof-alg', checkProofAlg],
  ['check-proof-jwk', checkProofJwk],
  ['check-proof-signature', checkProofSignature],
  ['check-proof-htm', checkProofHtm],
  ['check-proof-htu', checkProofHtu],
  ['check-proof-iat', checkProofIat],
  ['check-proof-ath', checkProofAth],
  ['check-proof-jti', checkProofJti],
];

/**
 * Validate a compact DPoP proof against what the request expects.
 *
 * @throws {InvalidDPoPProof} naming the first check the proof fails.
 * @example
 * ```ts
 * const { jkt } = await validateDPoPProof(ctx, proof, { method: 'POST', url: ctx.urls.token });
 * ```
 */
export async function validateDPoPProof(
  ctx: ServerContext,
  proof: string,
  expected: DPoPExpectation,
): Promise<ValidatedDPoPProof> {
  // RFC 9449 §4.3 checks 2 and 3: a well-formed JWT.
  let jws: DecodedJwt;
  try {
    jws = decodeJwt(proof, MAX_DPOP_PROOF_LENGTH);
  } catch {
    throw new InvalidDPoPProof('the "DPoP" header is not a compact JWS');
  }
  const d: DPoPProofDraft = { ctx, expected, jws };
  for (const [, step] of DPOP_PROOF_STEPS) await step(d);
  return Object.freeze({ jkt: d.jkt!, jti: jws.payload.jti as string, iat: jws.payload.iat as number });
}

/**
 * The validation of a request's `DPoP` header, or undefined, synchronously, when the request has
 * none: the hot path without DPoP costs one header lookup and no extra `await`.
 *
 * @throws {InvalidDPoPProof} (synchronously) when the header is repeated, empty or too long; the
 *   promise rejects with it when the proof fails a check.
 * @example
 * ```ts
 * const pending = validateDPoPHeader(ctx, req, { url: ctx.urls.token });
 * const proof = pending && (await pending);
 * ```
 */
export function validateDPoPHeader(
  ctx: ServerContext,
  req: SigilRequest,
  expected: Omit<DPoPExpectation, 'method'>,
): Promise<ValidatedDPoPProof> | undefined {
  const proof = readDPoPHeader(req);
  if (proof === undefined) return undefined;
  return validateDPoPProof(ctx, proof, { ...expected, method: req.method });
}
