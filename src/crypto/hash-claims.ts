/**
 * `at_hash`, `c_hash` and `s_hash`: the base64url of the left-most half of the hash of the
 * value, with the hash of the ID token's `alg` (OIDC Core §3.1.3.6, §3.3.2.11; FAPI 1.0 §5.1).
 */
import { createHash } from 'node:crypto';
import { algorithmSpec } from './algorithms.js';
import { JwtError } from './errors.js';

/**
 * The left-half hash of `value` for an ID token signed with `alg` (SHA-256 for *256, SHA-384 for
 * *384, SHA-512 for *512 and EdDSA).
 *
 * @example
 * ```ts
 * idToken.at_hash = leftHalfHash(accessToken, signingKey.alg);
 * ```
 * @throws {JwtError} `unsupported-alg` for an unknown alg.
 */
export function leftHalfHash(value: string, alg: string): string {
  const spec = algorithmSpec(alg);
  if (!spec) throw new JwtError('unsupported-alg', `no claim hash for alg ${alg}`);
  const digest = createHash(spec.claimHash).update(value, 'ascii').digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** `at_hash` of an access token (OIDC Core §3.1.3.6). */
export function atHash(accessToken: string, alg: string): string {
  return leftHalfHash(accessToken, alg);
}

/** `c_hash` of an authorization code (OIDC Core §3.3.2.11). */
export function cHash(code: string, alg: string): string {
  return leftHalfHash(code, alg);
}

/** `s_hash` of a `state` value (FAPI 1.0 Advanced §5.1). */
export function sHash(state: string, alg: string): string {
  return leftHalfHash(state, alg);
}
