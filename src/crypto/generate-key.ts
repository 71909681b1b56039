/**
 * Signing keys: generate one for an algorithm, wrap a private KeyObject as a {@link SigningKey},
 * and (de)serialise private keys as PKCS#8 PEM, data-protected at rest.
 */
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import type { SerializedSigningKey } from '../stores/types.js';
import { algorithmSpec, keyMatchesAlgorithm } from './algorithms.js';
import { JwkError } from './errors.js';
import { exportPublicJwk } from './jwk.js';
import { keyThumbprint } from './thumbprint.js';
import type { DataProtector, SigningKey } from './types.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** Options of {@link generateSigningKey}. */
export interface GenerateKeyOptions {
  /** RSA modulus length in bits (default 2048, minimum 2048). */
  rsaKeySize?: number;
  /** Creation time, epoch seconds (default now). */
  createdAt?: number;
}

/**
 * Wrap a private key as a {@link SigningKey}: derives the public key and JWK; `kid` defaults to
 * the RFC 7638 thumbprint.
 *
 * @throws {JwkError} `unsupported-key` for an unknown alg, `alg-mismatch` when the key does not
 *   fit the alg (e.g. a P-384 key for ES256, RSA under 2048 bits).
 */
export function createSigningKey(
  privateKey: KeyObject,
  options: { alg: string; kid?: string; createdAt: number; static?: boolean },
): SigningKey {
  if (privateKey.type !== 'private') throw new JwkError('invalid-key', 'a signing key must be a private key');
  if (!algorithmSpec(options.alg)) throw new JwkError('unsupported-key', `unsupported signing alg ${options.alg}`);
  if (!keyMatchesAlgorithm(privateKey, options.alg)) {
    const details = privateKey.asymmetricKeyDetails;
    const what = details?.namedCurve ?? (details?.modulusLength ? `${details.modulusLength}-bit` : '');
    throw new JwkError('alg-mismatch', `a ${what} ${privateKey.asymmetricKeyType} key cannot sign ${options.alg}`);
  }
  const publicKey = createPublicKey(privateKey);
  const kid = options.kid ?? keyThumbprint(publicKey);
  return Object.freeze({
    kid,
    alg: options.alg,
    privateKey,
    publicKey,
    publicJwk: Object.freeze(exportPublicJwk(publicKey, kid, options.alg)),
    createdAt: options.createdAt,
    static: options.static ?? false,
  });
}

/**
 * Generate a new key for `alg`: RSA (2048 bits by default) for RS and PS, P-256/384/521 for ES,
 * Ed25519 for EdDSA. Runs off the event loop. `kid` is the RFC 7638 thumbprint.
 */
export async function generateSigningKey(alg: string, options: GenerateKeyOptions = {}): Promise<SigningKey> {
  const spec = algorithmSpec(alg);
  if (!spec) throw new JwkError('unsupported-key', `unsupported signing alg ${alg}`);
  const createdAt = options.createdAt ?? Math.floor(Date.now() / 1000);
  let pair: { privateKey: KeyObject };
  if (spec.keyType === 'rsa') {
    const modulusLength = options.rsaKeySize ?? 2048;
    if (modulusLength < 2048)
      throw new JwkError('unsupported-key', `rsaKeySize must be at least 2048 (got ${modulusLength})`);
    pair = await generateKeyPairAsync('rsa', { modulusLength });
  } else if (spec.keyType === 'ec') {
    pair = await generateKeyPairAsync('ec', { namedCurve: spec.namedCurve! });
  } else {
    pair = await generateKeyPairAsync('ed25519');
  }
  return createSigningKey(pair.privateKey, { alg, createdAt });
}

/** The private key as PKCS#8 PEM. */
export function exportPrivateKeyPem(key: KeyObject): string {
  return key.export({ format: 'pem', type: 'pkcs8' }) as string;
}

/**
 * The stored form of a key. With a protector the PEM is data-protected (purpose
 * `signing-keys`); without one it is stored in clear with `dataProtected: false`.
 */
export function serializeSigningKey(key: SigningKey, protector?: DataProtector): SerializedSigningKey {
  const pem = exportPrivateKeyPem(key.privateKey);
  return {
    id: key.kid,
    alg: key.alg,
    createdAt: key.createdAt,
    data: protector ? protector.protect(pem) : pem,
    dataProtected: protector !== undefined,
  };
}

/**
 * Read a stored key back. Throws `DataProtectionError` when the data cannot be unprotected and
 * `JwkError` when the key is invalid or does not fit its alg.
 */
export function deserializeSigningKey(stored: SerializedSigningKey, protector?: DataProtector): SigningKey {
  let pem: string;
  if (stored.dataProtected) {
    if (!protector)
      throw new JwkError('invalid-key', `signing key ${stored.id} is data-protected but no protector was given`);
    pem = protector.unprotect(stored.data);
  } else {
    pem = stored.data;
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (cause) {
    throw new JwkError('invalid-key', `signing key ${stored.id} is not a valid PKCS#8 PEM private key`, { cause });
  }
  return createSigningKey(privateKey, { alg: stored.alg, kid: stored.id, createdAt: stored.createdAt });
}
