/**
 * PKCE (RFC 7636). Only S256 is verified here; `plain` is refused by the validators.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

// RFC 7636 §4.1: 43 to 128 unreserved characters.
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
// RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is always 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/** True when `verifier` has the RFC 7636 §4.1 syntax. */
export function isValidCodeVerifier(verifier: unknown): verifier is string {
  return typeof verifier === 'string' && VERIFIER.test(verifier);
}

/** True when `challenge` has the shape of an S256 code challenge (RFC 7636 §4.2). */
export function isValidS256Challenge(challenge: unknown): challenge is string {
  return typeof challenge === 'string' && S256_CHALLENGE.test(challenge);
}

/** The S256 code challenge of a verifier (RFC 7636 §4.2). */
export function s256Challenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * True when `BASE64URL(SHA256(verifier))` equals `challenge` (RFC 7636 §4.6). The comparison is
 * constant-time; a verifier with invalid syntax never matches.
 */
export function verifyPkceS256(verifier: string, challenge: string): boolean {
  if (!isValidCodeVerifier(verifier) || !isValidS256Challenge(challenge)) return false;
  const expected = Buffer.from(s256Challenge(verifier), 'ascii');
  const presented = Buffer.from(challenge, 'ascii');
  return expected.length === presented.length && timingSafeEqual(expected, presented);
}
