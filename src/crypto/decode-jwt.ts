/**
 * Safe decoding of compact JWTs (RFC 7519 §7.2): size-limited, strict base64url, JSON objects
 * only. Decoding never verifies; see `verify-jwt.ts`.
 */
import { JwtError } from './errors.js';

/** A decoded JOSE header; `alg` is always a string. */
export interface JwtHeader {
  alg: string;
  kid?: string;
  typ?: string;
  [member: string]: unknown;
}

/** The parts of a decoded compact JWS. */
export interface DecodedJwt {
  readonly header: JwtHeader;
  readonly payload: Record<string, unknown>;
  /** `header.payload`, the bytes the signature covers. */
  readonly signingInput: string;
  /** The raw signature bytes. */
  readonly signature: Buffer;
}

/** Default maximum length of a compact JWT, in characters. */
export const DEFAULT_MAX_JWT_LENGTH = 64 * 1024;

const B64URL = /^[A-Za-z0-9_-]*$/;

function parseSegment(segment: string, what: 'header' | 'payload'): Record<string, unknown> {
  if (!B64URL.test(segment)) throw new JwtError('malformed', `the JWT ${what} is not base64url`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new JwtError('malformed', `the JWT ${what} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JwtError('malformed', `the JWT ${what} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Split and parse a compact JWS without verifying it.
 *
 * @param maxLength Reject longer tokens before any parsing (default {@link DEFAULT_MAX_JWT_LENGTH}).
 * @throws {JwtError} `too-large` or `malformed`; never any other error.
 */
export function decodeJwt(token: unknown, maxLength = DEFAULT_MAX_JWT_LENGTH): DecodedJwt {
  if (typeof token !== 'string' || token.length === 0) throw new JwtError('malformed', 'the JWT must be a string');
  if (token.length > maxLength) throw new JwtError('too-large', `the JWT exceeds ${maxLength} characters`);
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first <= 0 || second < 0 || token.indexOf('.', second + 1) !== -1) {
    throw new JwtError('malformed', 'the JWT must have three dot-separated parts (JWE is not accepted here)');
  }
  const header = parseSegment(token.slice(0, first), 'header');
  const payload = parseSegment(token.slice(first + 1, second), 'payload');
  const sig = token.slice(second + 1);
  if (!B64URL.test(sig)) throw new JwtError('malformed', 'the JWT signature is not base64url');
  if (typeof header.alg !== 'string') throw new JwtError('malformed', 'the JWT header has no "alg"');
  if (header.kid !== undefined && typeof header.kid !== 'string') {
    throw new JwtError('malformed', 'the JWT header "kid" must be a string');
  }
  if (header.typ !== undefined && typeof header.typ !== 'string') {
    throw new JwtError('malformed', 'the JWT header "typ" must be a string');
  }
  return {
    header: header as JwtHeader,
    payload,
    signingInput: token.slice(0, second),
    signature: Buffer.from(sig, 'base64url'),
  };
}
