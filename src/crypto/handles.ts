/**
 * Random handles (codes, reference tokens, refresh tokens, PAR references) and the hashes they
 * are stored under. Handles carry 256 bits of entropy (RFC 6749 §10.10, FAPI 2.0 §5.4.1-4) and
 * are never persisted in clear.
 */
import * as nodeCrypto from 'node:crypto';
import { createHash, randomBytes } from 'node:crypto';

// The one-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object; every reference-token issue and
// lookup hashes a handle. Node 20.10 and 20.11 take the createHash path, with the same digest.
const oneShotHash = typeof nodeCrypto.hash === 'function' ? nodeCrypto.hash : undefined;

const POOL_SIZE = 32 * 256;
let pool = Buffer.alloc(0);
let offset = POOL_SIZE;

/**
 * `bytes` random bytes as base64url, drawn from a pooled `randomBytes` buffer: one call into
 * OpenSSL per 8 KiB instead of one per token, which is measurable on the token endpoint. Drawn
 * bytes are zeroed in the pool, so no value can be read from it afterwards.
 */
function pooled(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const out = pool.toString('base64url', offset, offset + bytes);
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return out;
}

/**
 * `bytes` (at most 64) random bytes in a new Buffer, drawn from the same pool as handles: for the
 * AES-GCM nonce of every data-protected value (several per sign-in), where a `randomBytes(12)`
 * call each was measurable.
 */
export function randomBuffer(bytes: number): Buffer {
  if (bytes > 64) return randomBytes(bytes);
  if (offset + bytes > pool.length) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const out = Buffer.allocUnsafe(bytes);
  pool.copy(out, 0, offset, offset + bytes);
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return out;
}

/** A new 256-bit handle, base64url (43 characters). */
export function newHandle(): string {
  return pooled(32);
}

/** A random identifier of `bytes` bytes, base64url. */
export function randomId(bytes = 16): string {
  return bytes <= 64 ? pooled(bytes) : randomBytes(bytes).toString('base64url');
}

/**
 * The store key of a handle: base64url SHA-256 of `type:handle`, so that a handle of one type
 * cannot be looked up as another.
 */
export function handleKey(type: string, handle: string): string {
  if (oneShotHash) return oneShotHash('sha256', `${type}:${handle}`, 'base64url');
  return createHash('sha256').update(type).update(':').update(handle).digest('base64url');
}

/** base64url SHA-256 of a string (PKCE S256, `at_hash` inputs, DPoP `ath`). */
export function sha256b64url(value: string): string {
  return createHash('sha256').update(value, 'ascii').digest('base64url');
}
