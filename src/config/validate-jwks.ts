/**
 * Configuration-time checks of a client's inline JWK Set (RFC 7517 §5; RFC 7523 §2.2): every key
 * must be a public RSA, EC or OKP key that `private_key_jwt` can verify with. A key that could
 * never verify is a configuration error, not a silent authentication failure at run time.
 */
import { importPublicJwk, privateMembersOf } from '../crypto/jwk.js';
import type { ItemChecker } from './configuration-error.js';

/** RFC 7518 §3.3: RSA keys of 2048 bits or more; shorter ones never verify in `crypto/verify-jwt.ts`. */
const MIN_RSA_BITS = 2048;

/** Why `jwk` is not a usable public verification key, or undefined when it is one. */
export function jwkProblem(jwk: unknown): string | undefined {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return 'must be a JWK object';
  const priv = privateMembersOf(jwk as Record<string, unknown>);
  if (priv.length) return `must be a public key; it holds the private member(s) ${priv.join(', ')}`;
  let bits: number | undefined;
  try {
    const key = importPublicJwk(jwk);
    if (key.asymmetricKeyType === 'rsa') bits = key.asymmetricKeyDetails?.modulusLength;
  } catch (e) {
    return `is not a usable public JWK: ${(e as Error).message}`;
  }
  if (bits !== undefined && bits < MIN_RSA_BITS) {
    return `is an RSA key of ${bits} bits; at least ${MIN_RSA_BITS} are required`;
  }
  return undefined;
}

/**
 * Reads a client's `jwks`, recording one problem per unusable key (`jwks.keys[1] must be a JWK
 * object`). Returns the set when it has the shape `{"keys": [...]}`, undefined when absent or
 * malformed.
 */
export function readJwks(c: ItemChecker, raw: unknown): { keys: Record<string, unknown>[] } | undefined {
  if (raw === undefined || raw === null) return undefined;
  const keys = typeof raw === 'object' && !Array.isArray(raw) ? (raw as { keys?: unknown }).keys : undefined;
  if (!Array.isArray(keys)) {
    c.fail('jwks', 'must be a JWK Set {"keys": [...]}');
    return undefined;
  }
  keys.forEach((k, i) => {
    const problem = jwkProblem(k);
    if (problem) c.fail(`jwks.keys[${i}]`, problem);
  });
  return raw as { keys: Record<string, unknown>[] };
}
