/**
 * Configuration-time checks of redirect URIs (RFC 6749 §3.1.2, RFC 9700 §2.1/§2.6, RFC 8252 §7.3).
 */
import { INVALID_REDIRECT_URI_PREFIXES } from './defaults.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);
const FORBIDDEN_SCHEMES: ReadonlySet<string> = new Set(INVALID_REDIRECT_URI_PREFIXES);
// RFC 9700 §4.1 (parameter pollution): names the authorization response itself adds.
const RESPONSE_PARAMETERS = ['code', 'state', 'iss', 'error', 'error_description', 'id_token', 'access_token'];
// RFC 3986 §2: a URI never holds white space or control characters.
const SPACE_OR_CONTROL = /[\u0000-\u0020\u007f]/;

/** True for http URLs on a loopback host. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * Returns an error message for a redirect URI that must not be registered, or undefined.
 * Schemes are compared case-insensitively, both as written and as a browser parses them.
 */
export function redirectUriProblem(uri: string, applicationType: 'web' | 'native'): string | undefined {
  const lower = uri.trim().toLowerCase();
  for (const prefix of INVALID_REDIRECT_URI_PREFIXES) {
    if (lower.startsWith(prefix)) return `uses the forbidden scheme "${prefix}"`;
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'is not an absolute URI';
  }
  // The WHATWG parser silently drops tabs, newlines and leading control characters, so
  // "java\tscript:" is a javascript: URL: check the scheme it parsed, not only the text.
  if (FORBIDDEN_SCHEMES.has(url.protocol)) return `uses the forbidden scheme "${url.protocol}"`;
  if (uri !== uri.trim()) return 'must not have surrounding white space';
  if (SPACE_OR_CONTROL.test(uri)) return 'must not contain white space or control characters';
  if (url.hash || uri.includes('#')) return 'must not contain a fragment (RFC 6749 §3.1.2)';
  if (url.username || url.password) return 'must not contain user information';
  // Authorization response parameters in the registered query could be confused with the real ones.
  for (const name of RESPONSE_PARAMETERS) {
    if (url.searchParams.has(name)) return `must not carry the response parameter "${name}" in its query`;
  }
  if (url.protocol === 'http:' && !isLoopbackHttp(url))
    return 'must use https (http is allowed only on loopback hosts)';
  if (url.protocol !== 'https:' && url.protocol !== 'http:' && applicationType !== 'native') {
    return 'uses a custom scheme, which is allowed only for native clients (applicationType "native")';
  }
  return undefined;
}
