/**
 * Signature checks of client assertions. Asymmetric verification is `crypto/verify-jwt.ts`
 * (node:crypto); this file adds the per-JWK KeyObject cache and the HMAC check of
 * `client_secret_jwt`. Nothing here throws on hostile input: it answers false.
 */
import { createHmac, type KeyObject, timingSafeEqual } from 'node:crypto';
import { isSupportedAlgorithm } from '../crypto/algorithms.js';
import type { DecodedJwt } from '../crypto/decode-jwt.js';
import { importPublicJwk } from '../crypto/jwk.js';
import { verifyJwtSignature } from '../crypto/verify-jwt.js';

/** True for the asymmetric algorithms accepted for `private_key_jwt`: RS/PS/ES 256/384/512 and EdDSA. */
export function isAsymmetricAlg(alg: string): boolean {
  return isSupportedAlgorithm(alg);
}

/** HMAC algorithms accepted for `client_secret_jwt` (RFC 7518 §3.2). */
export const HMAC_ALGS: ReadonlySet<string> = new Set(['HS256', 'HS384', 'HS512']);

const HMAC_DIGEST: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

// null marks a JWK that cannot be imported, so a bad key is not re-parsed on every request.
const imported = new WeakMap<object, KeyObject | null>();

/** The public KeyObject of a JWK, or undefined when it is not a public RSA, EC or OKP key. */
export function importJwk(jwk: Readonly<Record<string, unknown>>): KeyObject | undefined {
  let key = imported.get(jwk);
  if (key === undefined) {
    try {
      key = importPublicJwk(jwk);
    } catch {
      key = null;
    }
    imported.set(jwk, key);
  }
  return key ?? undefined;
}

/** Verifies an asymmetric signature; false for a mismatch, an unfit key or an unsupported alg. */
export function verifyAsymmetric(alg: string, key: KeyObject, jws: DecodedJwt): boolean {
  if (!isAsymmetricAlg(alg)) return false;
  return verifyJwtSignature(jws, key, alg);
}

/** Verifies an HMAC signature in constant time; false for a mismatch or an unknown alg. */
export function verifyHmac(alg: string, secret: Buffer, jws: DecodedJwt): boolean {
  const digest = HMAC_DIGEST[alg];
  if (digest === undefined || jws.header.alg !== alg) return false;
  const expected = createHmac(digest, secret).update(jws.signingInput, 'utf8').digest();
  return expected.length === jws.signature.length && timingSafeEqual(expected, jws.signature);
}
