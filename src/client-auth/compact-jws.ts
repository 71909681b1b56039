/**
 * Size-limited decoding of a compact JWS (RFC 7515 §7.1) without trusting it. Every failure is
 * reported as a reason string, so a hostile assertion can never raise a parse error.
 */
import { LIMITS } from '../host/form.js';

/** A decoded, not yet verified, compact JWS. */
export interface DecodedJws {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
  /** `BASE64URL(header) . BASE64URL(payload)`: the bytes the signature covers. */
  readonly signingInput: string;
  readonly signature: Buffer;
}

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function parseObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Decodes `jws`, or returns the reason it is not a well-formed compact JWS. Rejects JWE (five
 * parts), unsecured JWS (empty signature), and any `crit` header, since Sigil understands no
 * JWS extension (RFC 7515 §4.1.11).
 */
export function decodeCompactJws(jws: string): DecodedJws | string {
  if (jws.length > LIMITS.jwt) return 'assertion is too long';
  const parts = jws.split('.');
  if (parts.length !== 3) return `assertion has ${parts.length} parts, not 3`;
  const [h, p, s] = parts as [string, string, string];
  if (!SEGMENT.test(h)) return 'assertion header is not base64url';
  if (!SEGMENT.test(p)) return 'assertion payload is not base64url';
  if (!SEGMENT.test(s)) return 'assertion has no signature or it is not base64url';
  const header = parseObject(h);
  if (!header) return 'assertion header is not a JSON object';
  const payload = parseObject(p);
  if (!payload) return 'assertion payload is not a JSON object';
  if ('crit' in header) return 'assertion header has "crit"';
  return { header, payload, signingInput: `${h}.${p}`, signature: Buffer.from(s, 'base64url') };
}
