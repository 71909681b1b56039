/**
 * Signature verification of compact JWS with node:crypto (RFC 7515 §5.2). Only the signature is
 * checked here; claims (`iss`, `aud`, `exp`, ...) are the caller's business.
 */
import { type KeyObject, verify } from 'node:crypto';
import { algorithmSpec, keyMatchesAlgorithm, verifyKeyInput } from './algorithms.js';
import { type DecodedJwt, decodeJwt } from './decode-jwt.js';
import { JwtError } from './errors.js';

/**
 * True when the signature of `token` (a compact JWS or an already decoded one) is valid for
 * `publicKey` under `alg`. The header `alg` must equal `alg`, which the caller picks from the key
 * or an allow-list, never from the token alone (RFC 8725 §3.1). RSA keys under 2048 bits, keys of
 * the wrong type or curve, and malformed tokens give false.
 *
 * @throws {JwtError} `unsupported-alg` when `alg` is not supported (e.g. `none`, HS256).
 */
export function verifyJwtSignature(token: string | DecodedJwt, publicKey: KeyObject, alg: string): boolean {
  const spec = algorithmSpec(alg);
  if (!spec) throw new JwtError('unsupported-alg', `unsupported alg ${alg}`);
  let decoded: DecodedJwt;
  try {
    decoded = typeof token === 'string' ? decodeJwt(token) : token;
  } catch {
    return false;
  }
  if (decoded.header.alg !== alg) return false;
  if (!keyMatchesAlgorithm(publicKey, alg)) return false;
  try {
    return verify(
      spec.digest,
      Buffer.from(decoded.signingInput, 'utf8'),
      verifyKeyInput(publicKey, spec),
      decoded.signature,
    );
  } catch {
    return false;
  }
}
