/**
 * JWK thumbprints (RFC 7638): the `kid` of generated keys and the DPoP `jkt` (RFC 9449 §6.1).
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { JwkError } from './errors.js';

// RFC 7638 §3.2: the required members per key type, in lexicographic order.
const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  RSA: ['e', 'kty', 'n'],
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  oct: ['k', 'kty'],
};

/**
 * The RFC 7638 SHA-256 thumbprint of a JWK, base64url. Only the required members take part, so
 * `kid`, `alg`, `use` and private members do not change it.
 *
 * @throws {JwkError} `invalid-key` when `kty` is unknown or a required member is missing.
 */
export function jwkThumbprint(jwk: Readonly<Record<string, unknown>>): string {
  const kty = jwk.kty;
  const members = typeof kty === 'string' ? REQUIRED[kty] : undefined;
  if (!members) throw new JwkError('invalid-key', `cannot compute a thumbprint: unsupported "kty" ${String(kty)}`);
  // RFC 7638 §3.3: member names sorted, no whitespace; all values are strings for these types.
  let json = '{';
  for (let i = 0; i < members.length; i++) {
    const name = members[i]!;
    const value = jwk[name];
    if (typeof value !== 'string')
      throw new JwkError('invalid-key', `cannot compute a thumbprint: "${name}" is missing`);
    json += `${i ? ',' : ''}"${name}":${JSON.stringify(value)}`;
  }
  json += '}';
  return createHash('sha256').update(json, 'utf8').digest('base64url');
}

/** The RFC 7638 thumbprint of the public part of a node:crypto key (public or private). */
export function keyThumbprint(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return jwkThumbprint(pub.export({ format: 'jwk' }) as Record<string, unknown>);
}
