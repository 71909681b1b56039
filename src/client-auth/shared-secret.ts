/**
 * Shared-secret comparison for `client_secret_basic`, `client_secret_post` and API resources
 * (RFC 6749 §2.3.1). Secrets are compared as SHA-256 digests in constant time.
 */
import type { HashedSecret } from '../config/model.js';
import { digestsEqual, hashSecret, matchesAnySecret } from '../crypto/secrets.js';

/**
 * Why `presented` does not match any usable secret, or undefined when it matches one.
 * The reason tells an expired secret from a wrong one, for logs only.
 */
export function checkSharedSecret(
  presented: string,
  secrets: readonly HashedSecret[],
  now: number,
): string | undefined {
  if (secrets.length === 0) return 'no shared secret is configured';
  if (matchesAnySecret(presented, secrets, now)) return undefined;
  const digest = hashSecret(presented);
  let expired = false;
  for (const s of secrets) if (digestsEqual(digest, s.hash)) expired = true;
  return expired ? 'the secret has expired' : 'the secret does not match';
}
