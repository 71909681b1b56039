/**
 * Test support: builds client assertions with node:crypto directly, so that tests can craft any
 * header (`alg: none`, `crit`, foreign `typ`) and sign with any key, including weak ones.
 */
import { constants, createHmac, generateKeyPairSync, type KeyObject, randomUUID, sign } from 'node:crypto';
import { ISSUER, T0 } from './test-context.case.js';
import { JWT_BEARER_ASSERTION_TYPE } from './types.js';

/** A key pair with its public JWK, ready for a client's `jwks`. */
export interface TestKey {
  readonly privateKey: KeyObject;
  readonly publicJwk: Record<string, unknown>;
  readonly alg: string;
  readonly kid: string;
}

/** Generates an RSA (default 2048 bits), P-256 or Ed25519 key with `kid`. */
export function testKey(kind: 'rsa' | 'rsa1024' | 'ec' | 'ed25519', kid: string): TestKey {
  const pair =
    kind === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : kind === 'ed25519'
        ? generateKeyPairSync('ed25519')
        : generateKeyPairSync('rsa', { modulusLength: kind === 'rsa1024' ? 1024 : 2048 });
  const alg = kind === 'ec' ? 'ES256' : kind === 'ed25519' ? 'EdDSA' : 'RS256';
  const jwk = pair.publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return { privateKey: pair.privateKey, publicJwk: { ...jwk, kid, use: 'sig' }, alg, kid };
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

/** How to sign: an asymmetric key, an HMAC secret, or nothing (`alg: none`). */
export type Signer = { key: TestKey; alg?: string } | { hmac: string; alg?: string } | { none: true };

/** Signs `payload` under `header` (alg defaults to the signer's; `kid` to the key's). */
export function signAssertion(signer: Signer, payload: object, header: Record<string, unknown> = {}): string {
  if ('none' in signer) return `${b64({ alg: 'none', ...header })}.${b64(payload)}.`;
  if ('hmac' in signer) {
    const alg = signer.alg ?? 'HS256';
    const input = `${b64({ alg, ...header })}.${b64(payload)}`;
    const digest = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg] ?? 'sha256';
    return `${input}.${createHmac(digest, signer.hmac).update(input).digest('base64url')}`;
  }
  const alg = signer.alg ?? signer.key.alg;
  const input = `${b64({ alg, kid: signer.key.kid, ...header })}.${b64(payload)}`;
  const data = Buffer.from(input, 'utf8');
  const k = signer.key.privateKey;
  const sig = alg.startsWith('ES')
    ? sign(`sha${alg.slice(2)}`, data, { key: k, dsaEncoding: 'ieee-p1363' })
    : alg.startsWith('PS')
      ? sign(`sha${alg.slice(2)}`, data, { key: k, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 })
      : alg === 'EdDSA'
        ? sign(null, data, k)
        : sign(`sha${alg.slice(2)}`, data, k);
  return `${input}.${sig.toString('base64url')}`;
}

/** Standard claims of a valid assertion for `clientId` at time `now`; `extra` overrides (undefined removes). */
export function assertionClaims(clientId: string, extra: Record<string, unknown> = {}, now = T0): object {
  const claims: Record<string, unknown> = {
    iss: clientId,
    sub: clientId,
    aud: ISSUER,
    iat: now,
    exp: now + 60,
    jti: randomUUID(),
    ...extra,
  };
  for (const [k, v] of Object.entries(extra)) if (v === undefined) delete claims[k];
  return claims;
}

/** The form body of an assertion request. */
export function assertionBody(assertion: string, extra: Record<string, string> = {}): Record<string, string> {
  return { client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: assertion, ...extra };
}
