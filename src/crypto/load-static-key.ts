/**
 * Static signing keys from configuration: PEM or JWK files, or inline private JWKs. Static keys
 * are used before automatic keys and never rotate (Duende `AddSigningCredential`).
 */
import { createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inferAlgorithm } from './algorithms.js';
import { JwkError } from './errors.js';
import { createSigningKey } from './generate-key.js';
import type { SigningKey } from './types.js';

/**
 * A configured static key: exactly one of `path` and `jwk`; `alg` and `kid` are optional.
 * `validationOnly` publishes the key without signing with it (Duende `AddValidationKey`), for
 * the last phase of a migration to automatic keys.
 */
export interface StaticKeyInput {
  path?: string;
  jwk?: Record<string, unknown>;
  alg?: string;
  kid?: string;
  validationOnly?: boolean;
}

/** A loaded static key and whether it may sign (Duende `AddSigningCredential`) or only validate. */
export interface StaticEntry {
  readonly key: SigningKey;
  readonly signing: boolean;
}

function fromJwk(jwk: Record<string, unknown>, where: string): KeyObject {
  if (typeof jwk.d !== 'string')
    throw new JwkError('invalid-key', `${where}: a static key JWK must be a private key ("d" is missing)`);
  try {
    return createPrivateKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch (cause) {
    throw new JwkError('invalid-key', `${where}: invalid private JWK: ${(cause as Error).message}`, { cause });
  }
}

/** Parse private key text: a PEM (PKCS#8, PKCS#1 or SEC1) or a JSON private JWK. */
export function parsePrivateKeyText(text: string, where: string): { key: KeyObject; jwk?: Record<string, unknown> } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let jwk: unknown;
    try {
      jwk = JSON.parse(trimmed);
    } catch {
      throw new JwkError('invalid-key', `${where}: not valid JSON`);
    }
    if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk))
      throw new JwkError('invalid-key', `${where}: a JWK must be an object`);
    return { key: fromJwk(jwk as Record<string, unknown>, where), jwk: jwk as Record<string, unknown> };
  }
  try {
    return { key: createPrivateKey({ key: trimmed, format: 'pem' }) };
  } catch (cause) {
    throw new JwkError('invalid-key', `${where}: not a PEM private key or a private JWK`, { cause });
  }
}

/**
 * Load one static key. `alg` is taken from the input, else from the JWK's `alg`, else inferred
 * from the key (RS256 for RSA, ES256/384/512 by curve, EdDSA for Ed25519). `kid` likewise, else
 * the RFC 7638 thumbprint. Relative paths resolve against the working directory.
 *
 * @throws {JwkError} naming the file or entry when it cannot be read or used.
 */
export async function loadStaticKey(input: StaticKeyInput, createdAt: number): Promise<SigningKey> {
  if ((input.path === undefined) === (input.jwk === undefined)) {
    throw new JwkError('invalid-key', 'a static key needs exactly one of "path" and "jwk"');
  }
  let parsed: { key: KeyObject; jwk?: Record<string, unknown> };
  let where: string;
  if (input.path !== undefined) {
    where = `static key file ${input.path}`;
    let text: string;
    try {
      text = await readFile(input.path, 'utf8');
    } catch (cause) {
      throw new JwkError('invalid-key', `${where}: cannot be read (${(cause as Error).message})`, { cause });
    }
    parsed = parsePrivateKeyText(text, where);
  } else {
    where = 'inline static key';
    parsed = { key: fromJwk(input.jwk!, where), jwk: input.jwk };
  }
  const jwkAlg = typeof parsed.jwk?.alg === 'string' ? parsed.jwk.alg : undefined;
  const jwkKid = typeof parsed.jwk?.kid === 'string' ? parsed.jwk.kid : undefined;
  const alg = input.alg ?? jwkAlg ?? inferAlgorithm(parsed.key);
  if (!alg)
    throw new JwkError(
      'unsupported-key',
      `${where}: cannot infer "alg" for a ${parsed.key.asymmetricKeyType} key; set it`,
    );
  try {
    return createSigningKey(parsed.key, { alg, kid: input.kid ?? jwkKid, createdAt, static: true });
  } catch (e) {
    if (e instanceof JwkError) throw new JwkError(e.code, `${where}: ${e.message}`, { cause: e });
    throw e;
  }
}

/**
 * Load every configured static key, in order. Fails on the first key that cannot be used, naming
 * it, so a typo in a key path stops start-up instead of silently signing with another key.
 *
 * @example
 * ```ts
 * const statics = await loadStaticKeys(options.keyManagement.staticKeys, now());
 * ```
 */
export async function loadStaticKeys(inputs: readonly StaticKeyInput[], createdAt: number): Promise<StaticEntry[]> {
  const out: StaticEntry[] = [];
  for (const input of inputs) {
    out.push({ key: await loadStaticKey(input, createdAt), signing: input.validationOnly !== true });
  }
  return out;
}
