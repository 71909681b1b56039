/**
 * Random handles (codes, reference tokens, refresh tokens, PAR references) and the hashes they
 * are stored under. Handles carry 256 bits of entropy (RFC 6749 §10.10, FAPI 2.0 §5.4.1-4) and
 * are never persisted in clear.
 */
import { createHash, randomBytes } from 'node:crypto';

const POOL_SIZE = 32 * 256;
let pool = Buffer.alloc(0);
let offset = POOL_SIZE;

/** 32 random bytes, drawn from a pooled `randomBytes` buffer (one syscall per 256 handles). */
function random32(): Buffer {
  if (offset + 32 > pool.length) {
    pool = randomBytes(POOL_SIZE);
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + 32));
  pool.fill(0, offset, offset + 32);
  offset += 32;
  return out;
}

/** A new 256-bit handle, base64url (43 characters). */
export function newHandle(): string {
  return random32().toString('base64url');
}

/** A random identifier of `bytes` bytes, base64url. */
export function randomId(bytes = 16): string {
  return bytes === 32 ? newHandle() : randomBytes(bytes).toString('base64url');
}

/**
 * The store key of a handle: base64url SHA-256 of `type:handle`, so that a handle of one type
 * cannot be looked up as another.
 */
export function handleKey(type: string, handle: string): string {
  return createHash('sha256').update(type).update(':').update(handle).digest('base64url');
}

/** base64url SHA-256 of a string (PKCE S256, `at_hash` inputs, DPoP `ath`). */
export function sha256b64url(value: string): string {
  return createHash('sha256').update(value, 'ascii').digest('base64url');
}
