/**
 * JWS signature verification with node:crypto (RFC 7518 §3). Keys come from JWKs; each imported
 * KeyObject is cached per JWK object. Nothing here throws on hostile input: it answers false.
 */
import { constants, createHmac, createPublicKey, type KeyObject, timingSafeEqual, verify } from 'node:crypto';

/** Asymmetric algorithms accepted for `private_key_jwt` (never `none`, never HS*). */
export const ASYMMETRIC_ALGS: ReadonlySet<string> = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
]);

/** HMAC algorithms accepted for `client_secret_jwt`. */
export const HMAC_ALGS: ReadonlySet<string> = new Set(['HS256', 'HS384', 'HS512']);

const DIGEST: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };
const CURVE: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };
const MIN_RSA_BITS = 2048;

const imported = new WeakMap<object, KeyObject | null>();

/** The public KeyObject of a JWK, or undefined when it is not an importable asymmetric key. */
export function importJwk(jwk: Record<string, unknown>): KeyObject | undefined {
  const cached = imported.get(jwk);
  if (cached !== undefined) return cached ?? undefined;
  let key: KeyObject | null = null;
  try {
    if (jwk.kty === 'RSA' || jwk.kty === 'EC' || jwk.kty === 'OKP') {
      // biome-ignore lint/suspicious/noExplicitAny: node's JsonWebKey type is structural; the JWK was range-checked by kty.
      key = createPublicKey({ key: jwk as any, format: 'jwk' });
    }
  } catch {
    key = null;
  }
  imported.set(jwk, key);
  return key ?? undefined;
}

/** True when `key` has the type (and curve or size) that `alg` requires (RFC 7518 §3.1, FAPI 2.0 §5.4.1). */
export function keyFitsAlg(key: KeyObject, alg: string): boolean {
  const type = key.asymmetricKeyType;
  if (alg.startsWith('RS') || alg.startsWith('PS')) {
    return type === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) >= MIN_RSA_BITS;
  }
  if (alg.startsWith('ES')) return type === 'ec' && key.asymmetricKeyDetails?.namedCurve === CURVE[alg];
  if (alg === 'EdDSA') return type === 'ed25519' || type === 'ed448';
  return false;
}

/** Verifies an asymmetric JWS signature; false for any mismatch, unknown alg or unfit key. */
export function verifyAsymmetric(alg: string, key: KeyObject, signingInput: string, signature: Buffer): boolean {
  if (!ASYMMETRIC_ALGS.has(alg) || !keyFitsAlg(key, alg)) return false;
  const data = Buffer.from(signingInput, 'ascii');
  try {
    if (alg === 'EdDSA') return verify(null, data, key, signature);
    const digest = DIGEST[alg.slice(2)]!;
    if (alg.startsWith('PS')) {
      return verify(
        digest,
        data,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST },
        signature,
      );
    }
    if (alg.startsWith('ES')) return verify(digest, data, { key, dsaEncoding: 'ieee-p1363' }, signature);
    return verify(digest, data, key, signature);
  } catch {
    return false;
  }
}

/** Verifies an HMAC JWS signature in constant time; false for any mismatch or unknown alg. */
export function verifyHmac(alg: string, secret: Buffer, signingInput: string, signature: Buffer): boolean {
  if (!HMAC_ALGS.has(alg)) return false;
  const expected = createHmac(DIGEST[alg.slice(2)]!, secret).update(signingInput, 'ascii').digest();
  return expected.length === signature.length && timingSafeEqual(expected, signature);
}
