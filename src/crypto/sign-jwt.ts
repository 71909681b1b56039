/**
 * Compact JWS signing with node:crypto (RFC 7515 §7.1). The hot path only serialises the payload:
 * the base64url header segment is cached per (kid, alg, typ) and the signing options per key.
 */
import { type KeyObject, type SignKeyObjectInput, sign } from 'node:crypto';
import { type AlgorithmSpec, algorithmSpec, signKeyInput } from './algorithms.js';
import { JwtError } from './errors.js';
import type { SigningKey } from './types.js';

/** Extra JOSE header members; `alg` and `kid` always come from the key. */
export interface JwtHeaderInput {
  /** `typ`, e.g. `at+jwt`, `logout+jwt`, `dpop+jwt`. Omitted when undefined. */
  typ?: string;
  [member: string]: unknown;
}

const MAX_CACHED_HEADERS = 256;
const headerCache = new Map<string, string>();
const keyInputCache = new WeakMap<KeyObject, { spec: AlgorithmSpec; input: KeyObject | SignKeyObjectInput }>();

function b64json(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function headerSegment(key: SigningKey, header: JwtHeaderInput | undefined): string {
  let extra = false;
  if (header) for (const k in header) if (k !== 'typ' && header[k] !== undefined) extra = true;
  if (extra) return b64json({ ...header, alg: key.alg, kid: key.kid });
  const typ = header?.typ;
  const cacheKey = `${key.kid}\u0000${key.alg}\u0000${typ ?? ''}`;
  let seg = headerCache.get(cacheKey);
  if (seg === undefined) {
    seg = b64json(typ === undefined ? { alg: key.alg, kid: key.kid } : { alg: key.alg, typ, kid: key.kid });
    // Keys rotate, so the set of (kid, typ) pairs grows slowly; a clear keeps it bounded.
    if (headerCache.size >= MAX_CACHED_HEADERS) headerCache.clear();
    headerCache.set(cacheKey, seg);
  }
  return seg;
}

function keyInput(key: SigningKey): { spec: AlgorithmSpec; input: KeyObject | SignKeyObjectInput } {
  let cached = keyInputCache.get(key.privateKey);
  if (cached === undefined || cached.spec.alg !== key.alg) {
    const spec = algorithmSpec(key.alg);
    if (!spec) throw new JwtError('unsupported-alg', `cannot sign with unsupported alg ${key.alg}`);
    cached = { spec, input: signKeyInput(key.privateKey, spec) };
    keyInputCache.set(key.privateKey, cached);
  }
  return cached;
}

/**
 * Sign `payload` as a compact JWS with `key` (RS*, PS*, ES*, EdDSA). The header is
 * `{ alg, typ?, kid, ...extra }`; `alg` and `kid` cannot be overridden.
 *
 * @example
 * ```ts
 * const jwt = signJwt(keys.getSigningKey(), { iss, sub, aud, iat, exp }, { typ: 'at+jwt' });
 * ```
 * @throws {JwtError} `unsupported-alg` when the key's alg is not supported.
 */
export function signJwt(key: SigningKey, payload: object, header?: JwtHeaderInput): string {
  const { spec, input } = keyInput(key);
  const signingInput = `${headerSegment(key, header)}.${b64json(payload)}`;
  const signature = sign(spec.digest, Buffer.from(signingInput, 'utf8'), input);
  return `${signingInput}.${signature.toString('base64url')}`;
}
