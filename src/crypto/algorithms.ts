/**
 * The JWS algorithms Sigil signs and verifies with node:crypto, and the key each one needs.
 * RFC 7518 §3.1 (RS/PS/ES), RFC 8037 §3.1 (EdDSA).
 */
import { constants, type KeyObject, type SignKeyObjectInput, type VerifyKeyObjectInput } from 'node:crypto';

/** A JWS `alg` Sigil supports for asymmetric signatures. */
export type SigningAlgorithm =
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA';

/** How one algorithm signs: node digest name, key type, curve and signature options. */
export interface AlgorithmSpec {
  readonly alg: SigningAlgorithm;
  /** Digest for `sign(digest, ...)`; `null` for EdDSA. */
  readonly digest: 'sha256' | 'sha384' | 'sha512' | null;
  /** Digest whose left-most half forms `at_hash`/`c_hash` (OIDC Core §3.1.3.6). */
  readonly claimHash: 'sha256' | 'sha384' | 'sha512';
  readonly keyType: 'rsa' | 'ec' | 'ed25519';
  /** JWK `crv` for EC and OKP keys. */
  readonly crv?: 'P-256' | 'P-384' | 'P-521' | 'Ed25519';
  /** node `namedCurve` for EC keys. */
  readonly namedCurve?: 'prime256v1' | 'secp384r1' | 'secp521r1';
  readonly pss?: boolean;
}

const rs = (alg: SigningAlgorithm, digest: 'sha256' | 'sha384' | 'sha512', pss: boolean): AlgorithmSpec => ({
  alg,
  digest,
  claimHash: digest,
  keyType: 'rsa',
  pss,
});

/** Every supported algorithm by name. */
export const ALGORITHMS: Readonly<Record<SigningAlgorithm, AlgorithmSpec>> = {
  RS256: rs('RS256', 'sha256', false),
  RS384: rs('RS384', 'sha384', false),
  RS512: rs('RS512', 'sha512', false),
  PS256: rs('PS256', 'sha256', true),
  PS384: rs('PS384', 'sha384', true),
  PS512: rs('PS512', 'sha512', true),
  ES256: { alg: 'ES256', digest: 'sha256', claimHash: 'sha256', keyType: 'ec', crv: 'P-256', namedCurve: 'prime256v1' },
  ES384: { alg: 'ES384', digest: 'sha384', claimHash: 'sha384', keyType: 'ec', crv: 'P-384', namedCurve: 'secp384r1' },
  ES512: { alg: 'ES512', digest: 'sha512', claimHash: 'sha512', keyType: 'ec', crv: 'P-521', namedCurve: 'secp521r1' },
  // OIDC Core §3.1.3.6 leaves EdDSA open; SHA-512 (the hash inside Ed25519) is what implementations use.
  EdDSA: { alg: 'EdDSA', digest: null, claimHash: 'sha512', keyType: 'ed25519', crv: 'Ed25519' },
};

/** True when `alg` is one of {@link ALGORITHMS}. */
export function isSupportedAlgorithm(alg: unknown): alg is SigningAlgorithm {
  return typeof alg === 'string' && Object.hasOwn(ALGORITHMS, alg);
}

/** The spec of `alg`, or undefined when unsupported (never for `none` or HMAC). */
export function algorithmSpec(alg: string): AlgorithmSpec | undefined {
  return isSupportedAlgorithm(alg) ? ALGORITHMS[alg] : undefined;
}

/**
 * True when `key` (public or private) can be used with `alg`: RSA for RS/PS, the matching curve for
 * ES, Ed25519 for EdDSA. RSA keys must have at least `minRsaBits` bits (RFC 7518 §3.3: 2048).
 */
export function keyMatchesAlgorithm(key: KeyObject, alg: string, minRsaBits = 2048): boolean {
  const spec = algorithmSpec(alg);
  if (!spec || key.type === 'secret') return false;
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails;
  switch (spec.keyType) {
    case 'rsa':
      return (
        (type === 'rsa' || (type === 'rsa-pss' && spec.pss === true)) && (details?.modulusLength ?? 0) >= minRsaBits
      );
    case 'ec':
      return type === 'ec' && details?.namedCurve === spec.namedCurve;
    case 'ed25519':
      return type === 'ed25519';
  }
}

/** The node:crypto key input for `sign()` with `alg` (PSS padding, IEEE P1363 ECDSA encoding). */
export function signKeyInput(key: KeyObject, spec: AlgorithmSpec): KeyObject | SignKeyObjectInput {
  if (spec.pss) return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
  // RFC 7518 §3.4: ECDSA signatures are R || S, not DER.
  if (spec.keyType === 'ec') return { key, dsaEncoding: 'ieee-p1363' };
  return key;
}

/** The node:crypto key input for `verify()` with `alg`. */
export function verifyKeyInput(key: KeyObject, spec: AlgorithmSpec): KeyObject | VerifyKeyObjectInput {
  return signKeyInput(key, spec) as KeyObject | VerifyKeyObjectInput;
}

/** Infer the algorithm for a private or public key: RS256 for RSA, ES* by curve, EdDSA for Ed25519. */
export function inferAlgorithm(key: KeyObject): SigningAlgorithm | undefined {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return 'RS256';
    case 'rsa-pss':
      return 'PS256';
    case 'ed25519':
      return 'EdDSA';
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      return curve === 'prime256v1'
        ? 'ES256'
        : curve === 'secp384r1'
          ? 'ES384'
          : curve === 'secp521r1'
            ? 'ES512'
            : undefined;
    }
    default:
      return undefined;
  }
}

/** The names of {@link ALGORITHMS}, in their order. */
export const SUPPORTED_ALGORITHM_NAMES: readonly SigningAlgorithm[] = Object.freeze(
  Object.keys(ALGORITHMS) as SigningAlgorithm[],
);
