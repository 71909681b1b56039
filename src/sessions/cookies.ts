/**
 * Reading the `Cookie` header and writing `Set-Cookie` values (RFC 6265 §4.1, §5.4) with the
 * attributes Sigil's cookies share: `HttpOnly`, the issuer's path, `Secure` on https issuers.
 */
import type { SigilRequest } from '../host/request.js';

/** Where cookies are read from: a {@link SigilRequest}, or any request's `headers`. */
export type CookieSource = Pick<SigilRequest, 'headers'>;

/** `SameSite` values (RFC 6265bis §4.1.2.7). */
export type SameSite = 'Strict' | 'Lax' | 'None';

/** Attributes of one cookie. */
export interface CookieOptions {
  readonly path: string;
  readonly secure: boolean;
  readonly sameSite: SameSite;
  /** Seconds until expiry; undefined makes a browser-session cookie; 0 deletes the cookie. */
  readonly maxAge?: number;
}

/** Every value of cookie `name` in the request, in header order (a browser may send several). */
export function readCookies(req: CookieSource, name: string): string[] {
  const raw = req.headers.cookie;
  const text = Array.isArray(raw) ? raw.join('; ') : raw;
  if (!text) return [];
  const out: string[] = [];
  for (const part of text.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (value) out.push(value);
  }
  return out;
}

/** A `Set-Cookie` header value. `value` must already be cookie-safe (Sigil uses base64url). */
export function serializeCookie(name: string, value: string, o: CookieOptions, now = Date.now()): string {
  let s = `${name}=${value}; Path=${o.path}; HttpOnly; SameSite=${o.sameSite}`;
  if (o.secure) s += '; Secure';
  if (o.maxAge !== undefined) {
    const maxAge = Math.max(0, Math.floor(o.maxAge));
    s += `; Max-Age=${maxAge}; Expires=${new Date(maxAge === 0 ? 0 : now + maxAge * 1000).toUTCString()}`;
  }
  return s;
}

/** A `Set-Cookie` value that deletes the cookie. */
export function clearCookie(name: string, o: Omit<CookieOptions, 'maxAge'>): string {
  return serializeCookie(name, '', { ...o, maxAge: 0 });
}

/**
 * The attributes of cookies for `issuer`: its path (or `/`), `Secure` on https. `crossSite` asks
 * for `SameSite=None` on https (the session cookie must reach silent-renew iframes); browsers
 * refuse `None` without `Secure`, so plain http falls back to `Lax`.
 */
export function cookieOptionsFor(issuer: string, crossSite: boolean): Omit<CookieOptions, 'maxAge'> {
  const url = new URL(issuer);
  const secure = url.protocol === 'https:';
  const path = url.pathname.replace(/\/+$/, '') || '/';
  return { path, secure, sameSite: crossSite && secure ? 'None' : 'Lax' };
}
