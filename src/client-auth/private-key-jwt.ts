/**
 * `private_key_jwt`: the signature of a client assertion made with one of the client's
 * asymmetric keys (RFC 7523 §2.2, OIDC Core §9).
 */
import type { Client } from '../config/model.js';
import type { ServerContext } from '../context.js';
import type { DecodedJwt } from '../crypto/decode-jwt.js';
import { clientJwks } from './client-jwks.js';
import { importJwk, isAsymmetricAlg, verifyAsymmetric } from './verify-signature.js';

// Client models may come from a store rather than validated options: anything but a JSON object is skipped.
function usable(jwk: unknown, alg: string, kid: string | undefined): jwk is Record<string, unknown> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return false;
  const k = jwk as Record<string, unknown>;
  if (kid !== undefined && k.kid !== kid) return false;
  if (k.use !== undefined && k.use !== 'sig') return false;
  if (k.alg !== undefined && k.alg !== alg) return false;
  return true;
}

/**
 * Why the assertion's signature is not acceptable for `client`, or undefined when one of the
 * client's keys verifies it. Only RS/PS/ES 256/384/512 and EdDSA are accepted; a JWK's own
 * `alg` and `use`, when present, must agree. Keys in the JWS header (`jwk`, `jku`, `x5u`) are
 * never used.
 */
export async function checkPrivateKeyJwtSignature(
  ctx: ServerContext,
  client: Client,
  jws: DecodedJwt,
): Promise<string | undefined> {
  const alg = jws.header.alg;
  if (!isAsymmetricAlg(alg)) return `alg ${String(alg)} is not accepted for private_key_jwt`;
  const kid = jws.header.kid;
  let keys: readonly Record<string, unknown>[];
  try {
    keys = await clientJwks(ctx, client, kid);
  } catch (e) {
    return e instanceof Error ? e.message : 'client keys are not available';
  }
  const candidates = keys.filter((k) => usable(k, alg, kid));
  if (candidates.length === 0) return `no key of the client fits alg ${alg}${kid ? ` and kid "${kid}"` : ''}`;
  for (const jwk of candidates) {
    const key = importJwk(jwk);
    if (key && verifyAsymmetric(alg, key, jws)) return undefined;
  }
  return 'the signature does not verify with any key of the client';
}
