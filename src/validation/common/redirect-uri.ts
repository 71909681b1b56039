/**
 * Run-time redirect URI matching (RFC 6749 §3.1.2.3, RFC 9700 §2.1 and §4.1.3): the requested URI
 * must equal a registered one character for character. There is no case folding, no
 * normalisation, no prefix or wildcard match. The one exception is RFC 8252 §7.3: a native
 * client's loopback IP redirect may use any port.
 */
import type { Client } from '../../config/model.js';

// RFC 8252 §7.3: only the IP literals, never the name `localhost` (RFC 8252 §8.3) and never by prefix.
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|\[::1\])(?::([1-9][0-9]{0,4}))?(\/[^#]*)?$/;

/** A loopback redirect split into host and everything after the port, or undefined. */
function splitLoopback(uri: string): { host: string; rest: string } | undefined {
  const m = LOOPBACK.exec(uri);
  if (!m) return undefined;
  if (m[2] !== undefined && Number(m[2]) > 65535) return undefined;
  return { host: m[1]!, rest: m[3] ?? '' };
}

/**
 * True when `requested` matches `registered`: the same string, or, when `anyLoopbackPort`, the
 * same loopback IP literal and the same path and query with any port (RFC 8252 §7.3).
 */
export function redirectUriMatches(registered: string, requested: string, anyLoopbackPort: boolean): boolean {
  if (registered === requested) return true;
  if (!anyLoopbackPort) return false;
  const r = splitLoopback(registered);
  if (!r) return false;
  const q = splitLoopback(requested);
  return q !== undefined && q.host === r.host && q.rest === r.rest;
}

/**
 * True when `requested` is one of the client's registered redirect URIs, or a loopback variant
 * of one with another port when the client is `native`.
 */
export function isRegisteredRedirectUri(client: Client, requested: string): boolean {
  const anyPort = client.applicationType === 'native';
  return client.redirectUris.some((registered) => redirectUriMatches(registered, requested, anyPort));
}
