/**
 * Public JWKs: export a node:crypto key as the JWK published in the JWKS, and import a public JWK
 * (client keys, DPoP proof keys) as a KeyObject, refusing private material.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { JwkError } from './errors.js';
import type { PublicJwk } from './types.js';

// RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2: members that only private or symmetric keys carry.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

// RFC 7517 §4: the members a published signing key carries besides the key itself.
const KEY_MEMBERS: Readonly<Record<string, readonly string[]>> = {
  RSA: ['n', 'e'],
  EC: ['crv', 'x', 'y'],
  OKP: ['crv', 'x'],
};

/**
 * The public JWK of `key` (public or private) with `kid`, `alg` and `use: 'sig'`, as published in
 * the JWKS. Only the public members are copied.
 *
 * @throws {JwkError} `unsupported-key` for symmetric keys or key types without a JWK form.
 */
export function exportPublicJwk(key: KeyObject, kid: string, alg: string): PublicJwk {
  if (key.type === 'secret') throw new JwkError('unsupported-key', 'a symmetric key has no public JWK');
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  let raw: Record<string, unknown>;
  try {
    raw = pub.export({ format: 'jwk' }) as Record<string, unknown>;
  } catch (cause) {
    throw new JwkError('unsupported-key', `a ${pub.asymmetricKeyType} key cannot be exported as a JWK`, { cause });
  }
  const kty = String(raw.kty);
  const members = KEY_MEMBERS[kty];
  if (!members) throw new JwkError('unsupported-key', `unsupported "kty" ${kty}`);
  const jwk: PublicJwk = { kty, use: 'sig', kid, alg };
  for (const m of members) jwk[m] = raw[m];
  return jwk;
}

/** Names of private or symmetric members present in `jwk` (empty for a proper public JWK). */
export function privateMembersOf(jwk: Readonly<Record<string, unknown>>): string[] {
  return PRIVATE_MEMBERS.filter((m) => jwk[m] !== undefined);
}

/**
 * Import a public JWK (RSA, EC or OKP) as a node:crypto public KeyObject.
 *
 * @throws {JwkError} `private-key-material` when the JWK has private or symmetric members (a
 *   "public" key must never carry `d`), `invalid-key` when it is not a valid JWK,
 *   `unsupported-key` for `kty` other than RSA, EC and OKP.
 */
export function importPublicJwk(jwk: unknown): KeyObject {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    throw new JwkError('invalid-key', 'a JWK must be a JSON object');
  }
  const obj = jwk as Record<string, unknown>;
  const priv = privateMembersOf(obj);
  if (priv.length) {
    throw new JwkError('private-key-material', `a public JWK must not contain private members (${priv.join(', ')})`);
  }
  if (typeof obj.kty !== 'string' || !KEY_MEMBERS[obj.kty]) {
    throw new JwkError('unsupported-key', `unsupported "kty" ${String(obj.kty)}; use RSA, EC or OKP`);
  }
  try {
    // node reads only the key members; copying them avoids surprises from extra members.
    const clean: Record<string, unknown> = { kty: obj.kty };
    for (const m of KEY_MEMBERS[obj.kty]!) clean[m] = obj[m];
    return createPublicKey({ key: clean as JsonWebKey, format: 'jwk' });
  } catch (cause) {
    throw new JwkError('invalid-key', `invalid ${obj.kty} JWK: ${(cause as Error).message}`, { cause });
  }
}
