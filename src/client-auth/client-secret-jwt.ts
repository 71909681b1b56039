/**
 * `client_secret_jwt`: the signature of a client assertion made with an HMAC of the client's
 * secret (RFC 7523 §2.2, OIDC Core §9).
 */
import type { Client } from '../config/model.js';
import type { DecodedJwt } from '../crypto/decode-jwt.js';
import { HMAC_ALGS, verifyHmac } from './verify-signature.js';

/**
 * Why the assertion's HMAC is not acceptable for `client`, or undefined when one of the
 * client's unexpired HMAC secrets verifies it. Only HS256, HS384 and HS512 are accepted.
 */
export function checkClientSecretJwtSignature(client: Client, jws: DecodedJwt, now: number): string | undefined {
  const alg = jws.header.alg;
  if (!HMAC_ALGS.has(alg)) return `alg ${String(alg)} is not accepted for client_secret_jwt`;
  let ok = false;
  let expired = false;
  // Every secret is tried so that timing does not reveal which one matched.
  for (const s of client.hmacSecrets) {
    if (!verifyHmac(alg, s.key, jws)) continue;
    if (s.expiresAt === undefined || s.expiresAt > now) ok = true;
    else expired = true;
  }
  if (ok) return undefined;
  if (client.hmacSecrets.length === 0) return 'the client has no HMAC secret';
  return expired ? 'the HMAC secret has expired' : 'the HMAC does not verify with any secret of the client';
}
