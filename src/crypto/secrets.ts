/**
 * Shared-secret hashing and constant-time comparison. Client and API secrets are stored as
 * SHA-256 digests (Duende `HashedSharedSecretValidator`); presented secrets are hashed and the
 * digests compared with `timingSafeEqual`, so the comparison time does not depend on the secret.
 */
import * as nodeCrypto from 'node:crypto';
import { createHash, timingSafeEqual } from 'node:crypto';

/** Prefix of a pre-hashed secret in configuration. */
export const HASHED_SECRET_PREFIX = 'sha256:';

// The one-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object; the token endpoint hashes a
// secret on every request. Node 20.10 and 20.11 take the createHash path.
const oneShotHash = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;

/** SHA-256 digest of a secret. */
export function hashSecret(secret: string): Buffer {
  if (oneShotHash) return oneShotHash('sha256', secret, 'buffer');
  return createHash('sha256').update(secret, 'utf8').digest();
}

/** The `sha256:<base64>` form printed by `sigil hash-secret`. */
export function formatHashedSecret(secret: string): string {
  return HASHED_SECRET_PREFIX + hashSecret(secret).toString('base64');
}

/**
 * Reads a configured secret: `sha256:<base64>` is taken as a digest, anything else is plain and
 * hashed now. Returns `plain: true` so that the loader can warn.
 */
export function parseConfiguredSecret(value: string): { hash: Buffer; plain: boolean } {
  if (value.startsWith(HASHED_SECRET_PREFIX)) {
    const hash = Buffer.from(value.slice(HASHED_SECRET_PREFIX.length), 'base64');
    if (hash.length !== 32) throw new Error('a "sha256:" secret must be the base64 of a 32-byte SHA-256 digest');
    return { hash, plain: false };
  }
  return { hash: hashSecret(value), plain: true };
}

/** Constant-time equality of two digests of equal length; false for different lengths. */
export function digestsEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * True when `presented` matches any of `hashes` that is not expired. Every candidate is compared,
 * so the time does not reveal which one matched.
 */
export function matchesAnySecret(
  presented: string,
  hashes: readonly { hash: Buffer; expiresAt?: number }[],
  now: number,
): boolean {
  const digest = hashSecret(presented);
  let ok = false;
  for (const s of hashes) {
    const eq = digestsEqual(digest, s.hash);
    if (eq && (s.expiresAt === undefined || s.expiresAt > now)) ok = true;
  }
  return ok;
}
