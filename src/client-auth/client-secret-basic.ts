/**
 * `client_secret_basic`: HTTP Basic with the form-url-encoded client id and secret
 * (RFC 6749 §2.3.1, RFC 7617).
 */
import { LIMITS } from '../host/form.js';
import { authFailure } from './failure.js';

/** Credentials read from an `Authorization: Basic` header. */
export interface BasicCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

// Enough for 100 characters of percent-encoded UTF-8 in each part, base64-encoded.
const MAX_HEADER_LENGTH = 4096;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** True when an `Authorization` value uses the Basic scheme (scheme names are case-insensitive, RFC 9110 §11.1). */
export function isBasicAuthorization(value: string): boolean {
  return /^basic(?:\s|$)/i.test(value);
}

// RFC 6749 §2.3.1 / Appendix B: both parts are application/x-www-form-urlencoded.
function formDecode(part: string, name: string): string {
  // Most ids and secrets need no decoding; skip the regex and decodeURIComponent for them.
  if (part.indexOf('%') === -1 && part.indexOf('+') === -1) return part;
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    throw authFailure(`Basic ${name} is not valid form-url-encoding`, { basic: true });
  }
}

/**
 * Parses `Authorization: Basic base64(urlencode(client_id):urlencode(client_secret))`.
 * Anything malformed throws `invalid_client` with `WWW-Authenticate: Basic`.
 */
export function parseBasicCredentials(value: string): BasicCredentials {
  if (value.length > MAX_HEADER_LENGTH) throw authFailure('Basic authorization header is too long', { basic: true });
  const encoded = value.slice('basic'.length).trim();
  if (encoded.length === 0) throw authFailure('Basic authorization header has no credentials', { basic: true });
  if (!BASE64.test(encoded)) throw authFailure('Basic credentials are not base64', { basic: true });
  let decoded: string;
  try {
    decoded = utf8.decode(Buffer.from(encoded, 'base64'));
  } catch {
    throw authFailure('Basic credentials are not UTF-8', { basic: true });
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) throw authFailure('Basic credentials have no ":" separator', { basic: true });
  const clientId = formDecode(decoded.slice(0, colon), 'client_id');
  const clientSecret = formDecode(decoded.slice(colon + 1), 'client_secret');
  if (clientId.length === 0) throw authFailure('Basic client_id is empty', { basic: true });
  if (clientId.length > LIMITS.clientId) throw authFailure('Basic client_id is too long', { basic: true });
  if (clientSecret.length === 0) throw authFailure(`Basic client_secret is empty for "${clientId}"`, { basic: true });
  if (clientSecret.length > LIMITS.clientSecret) {
    throw authFailure(`Basic client_secret is too long for "${clientId}"`, { basic: true });
  }
  return { clientId, clientSecret };
}
