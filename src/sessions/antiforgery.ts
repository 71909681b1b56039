/**
 * Anti-forgery tokens for the login and consent forms (OWASP "signed double-submit cookie"). A
 * random pre-login cookie (`SameSite=Lax`, `HttpOnly`) is paired with a data-protected token in
 * the form that binds the cookie, the form's purpose and its return URL. A forged cross-site post
 * has neither the cookie nor a token for it; a token copied from another browser has the wrong
 * cookie. Tokens are compared in constant time.
 */
import type { ServerContext } from '../context.js';
import { newHandle, sha256b64url } from '../crypto/handles.js';
import { digestsEqual, hashSecret } from '../crypto/secrets.js';
import { type CookieSource, cookieOptionsFor, readCookies, serializeCookie } from './cookies.js';

/** How long a form stays valid, in seconds. */
export const ANTIFORGERY_TOKEN_LIFETIME = 2 * 3600;

const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

/** A token for a form, and the cookie to set with the page (when the browser had none). */
export interface AntiforgeryToken {
  readonly token: string;
  readonly cookies: readonly string[];
}

/** Issues and verifies anti-forgery tokens. */
export interface Antiforgery {
  /** A token for `binding` (for example `login` plus the return URL), reusing the browser's cookie. */
  issue(req: CookieSource, binding: string): AntiforgeryToken;
  /** True when `token` was issued for this browser's cookie and `binding`, and has not expired. */
  verify(req: CookieSource, token: string | undefined, binding: string): boolean;
}

/** Create the anti-forgery service; the cookie is `${authentication.cookieName}.af`. */
export function createAntiforgery(ctx: ServerContext): Antiforgery {
  const name = `${ctx.options.authentication.cookieName}.af`;
  const attrs = cookieOptionsFor(ctx.issuer, false);
  const protector = ctx.protection.createProtector('antiforgery');
  const current = (req: CookieSource) => readCookies(req, name).find((v) => COOKIE_VALUE.test(v));
  const same = (a: string, b: string) => digestsEqual(hashSecret(a), hashSecret(b));

  return {
    issue(req, binding) {
      const existing = current(req);
      const value = existing ?? newHandle();
      const body = { c: sha256b64url(value), b: sha256b64url(binding), e: ctx.now() + ANTIFORGERY_TOKEN_LIFETIME };
      return {
        token: protector.protect(JSON.stringify(body)),
        cookies: existing ? [] : [serializeCookie(name, value, attrs)],
      };
    },
    verify(req, token, binding) {
      if (!token || token.length > 1024) return false;
      let body: { c?: unknown; b?: unknown; e?: unknown };
      try {
        body = JSON.parse(protector.unprotect(token)) as typeof body;
      } catch {
        return false;
      }
      if (typeof body.c !== 'string' || typeof body.b !== 'string' || typeof body.e !== 'number') return false;
      if (body.e <= ctx.now()) return false;
      const bindingOk = same(body.b, sha256b64url(binding));
      // Every cookie the browser sent is compared, so the time does not depend on which matched.
      let cookieOk = false;
      for (const v of readCookies(req, name)) if (same(body.c, sha256b64url(v))) cookieOk = true;
      return bindingOk && cookieOk;
    },
  };
}
