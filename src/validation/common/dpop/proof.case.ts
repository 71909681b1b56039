/**
 * Test helper: DPoP proofs signed with node:crypto, as a client would make them (RFC 9449 §4.2).
 */
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { sha256b64url } from '../../../crypto/handles.js';
import { jwkThumbprint } from '../../../crypto/thumbprint.js';

/** An ES256 proof key and its RFC 7638 thumbprint. */
export interface ProofKey {
  readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
  readonly jkt: string;
}

/** A new P-256 proof key. */
export function newProofKey(): ProofKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return { privateKey, jwk, jkt: jwkThumbprint(jwk) };
}

/** A fresh ES256 proof for `htm` `htu` at `iat`, with `ath` when `accessToken` is given. */
export function dpopProof(
  key: ProofKey,
  p: { htm: string; htu: string; iat: number; accessToken?: string; jti?: string },
): string {
  const header = { typ: 'dpop+jwt', alg: 'ES256', jwk: key.jwk };
  const payload: Record<string, unknown> = {
    htm: p.htm,
    htu: p.htu,
    iat: p.iat,
    jti: p.jti ?? randomBytes(16).toString('base64url'),
  };
  if (p.accessToken !== undefined) payload.ath = sha256b64url(p.accessToken);
  const input = `${b64(header)}.${b64(payload)}`;
  const sig = sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${sig.toString('base64url')}`;
}

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
