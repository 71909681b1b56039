/**
 * Return URL validation for the login and consent pages (RFC 9700 §4.11: the authorization server
 * must not become an open redirector; CVE-2024-39694, where `IsLocalUrl` took crafted URLs for
 * local ones). A return URL is accepted only when it is a plain path on this server, under the
 * issuer's path, in every form a browser or a proxy might read it.
 */

/** Longest accepted return URL; the sealed authorize request it carries stays well below. */
export const MAX_RETURN_URL_LENGTH = 8192;

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const CONTROL_OR_SPACE = /[\x00-\x20\x7f]/;
const SENTINEL = 'http://sigil.invalid';

/**
 * True when `url` is a root-relative path that stays on this origin: it starts with one `/`, holds
 * only printable ASCII, no backslash, no empty or dot path segment, and neither it nor its
 * percent-decoded forms (decoded up to three times) could be read as `//host`, `/\host` or a scheme.
 *
 * @example
 * ```ts
 * isLocalUrl('/connect/authorize/callback?authz=v1.abc'); // true
 * isLocalUrl('//evil.example');       // false
 * isLocalUrl('/\\evil.example');      // false
 * isLocalUrl('/%2F%2Fevil.example');  // false
 * isLocalUrl('https://evil.example'); // false
 * ```
 */
export function isLocalUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_RETURN_URL_LENGTH) return false;
  // Browsers drop tabs and newlines ('/\t/evil' becomes '//evil') and read '\' as '/'.
  if (!PRINTABLE_ASCII.test(url) || url.includes('\\')) return false;
  if (!url.startsWith('/')) return false;
  let decoded = url;
  for (let round = 0; round <= 3; round++) {
    const path = decoded.split(/[?#]/, 1)[0]!;
    if (decoded.startsWith('//') || decoded.includes('\\') || CONTROL_OR_SPACE.test(decoded)) return false;
    if (path.includes('//') || /(^|\/)\.\.?(\/|$|;)/.test(path)) return false;
    if (round === 3) break;
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return false;
    }
    if (next === decoded) break;
    decoded = next;
  }
  const parsed = new URL(url, SENTINEL);
  return parsed.origin === SENTINEL;
}

/** The issuer's path without a trailing slash (`''` for an issuer at the root). */
export function issuerPath(issuer: string): string {
  return new URL(issuer).pathname.replace(/\/+$/, '');
}

/**
 * True when `url` is a local URL under the issuer's path, where the login page may send the user
 * after signing in. With `allowIssuerOrigin`, an absolute URL on the issuer's exact origin is
 * accepted too (for login pages hosted on another origin, which need an absolute return URL).
 */
export function isValidReturnUrl(issuer: string, url: unknown, allowIssuerOrigin = false): url is string {
  const local = toLocal(issuer, url, allowIssuerOrigin);
  if (local === undefined) return false;
  const prefix = issuerPath(issuer);
  return prefix === '' || local === prefix || local.startsWith(`${prefix}/`) || local.startsWith(`${prefix}?`);
}

/**
 * The local form of a return URL: `url` itself when local, or its path and query when it is an
 * absolute URL on the issuer's origin and `allowIssuerOrigin` is set; otherwise undefined.
 */
export function toLocal(issuer: string, url: unknown, allowIssuerOrigin: boolean): string | undefined {
  if (isLocalUrl(url)) return url;
  if (!allowIssuerOrigin || typeof url !== 'string') return undefined;
  const origin = new URL(issuer).origin;
  if (!url.startsWith(`${origin}/`)) return undefined;
  const rest = url.slice(origin.length);
  return isLocalUrl(rest) ? rest : undefined;
}
