/**
 * Password hashing with argon2id (RFC 9106) through `@node-rs/argon2`, with its defaults
 * (m=19456 KiB, t=2, p=1: the OWASP minimum). Hashes are PHC strings (`$argon2id$v=19$...`).
 */
import { hash, verify } from '@node-rs/argon2';

/** True for a PHC argon2id string, which configuration may hold instead of a plain password. */
export function isArgon2idHash(value: string): boolean {
  return value.startsWith('$argon2id$');
}

/** Hash a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

// Verified against when the username is unknown, so that both failures cost one argon2 run.
let dummy: Promise<string> | undefined;

/** Check `password` against `phc`; with no hash, spends the same time and answers false. */
export async function verifyPassword(phc: string | undefined, password: string): Promise<boolean> {
  if (phc === undefined) {
    dummy ??= hashPassword('sigil-dummy-password');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}
