/**
 * The login session cookie: reads the protected cookie into the session it references, writes it
 * back, and deletes it. Anything unreadable (another application name, a key rotated away,
 * tampering, a removed or expired session) reads as "signed out" with a warning, never an error.
 */
import type { ServerContext } from '../context.js';
import { type CookieSource, clearCookie, cookieOptionsFor, readCookies, serializeCookie } from './cookies.js';
import type { CookiePayload, StoredSession, TicketStore } from './ticket-stores.js';
import type { UserSession } from './types.js';

/** What a request's session cookie held. `bad` means a cookie was sent but could not be used. */
export interface CookieRead {
  readonly stored?: StoredSession;
  readonly payload?: CookiePayload;
  readonly bad: boolean;
}

/** Reads and writes the session cookie. */
export interface SessionCookie {
  read(req: CookieSource): Promise<CookieRead>;
  /** The `Set-Cookie` value for `payload`; persistent (with the session's expiry) for "remember me". */
  write(payload: CookiePayload, session: UserSession): string;
  /** The `Set-Cookie` value that deletes the cookie. */
  clear(): string;
}

/** The session cookie `authentication.cookieName` over `tickets`. */
export function createSessionCookie(ctx: ServerContext, tickets: TicketStore): SessionCookie {
  const name = ctx.options.authentication.cookieName;
  const protector = ctx.protection.createProtector('session-cookie');
  // SameSite=None on https, so silent renew in a cross-site iframe still sends it.
  const attrs = cookieOptionsFor(ctx.issuer, true);

  async function readOne(value: string): Promise<CookieRead> {
    let payload: CookiePayload;
    try {
      payload = JSON.parse(protector.unprotect(value)) as CookiePayload;
    } catch (err) {
      const e = err as { code?: string; keyId?: string };
      ctx.logger.warn(
        { code: e.code, keyId: e.keyId, applicationName: ctx.protection.applicationName },
        'the session cookie could not be unprotected; treating the request as signed out',
      );
      return { bad: true };
    }
    const stored = await tickets.read(payload).catch((err: unknown) => {
      ctx.logger.warn({ err: (err as Error).message }, 'a stored session could not be read; treating it as ended');
      return undefined;
    });
    if (!stored) return { bad: true };
    if (stored.session.expiresAt <= ctx.now()) {
      await tickets.remove(stored);
      return { bad: true };
    }
    return { stored, payload, bad: false };
  }

  return {
    async read(req) {
      let bad = false;
      for (const value of readCookies(req, name)) {
        const r = await readOne(value);
        if (r.stored) return r;
        bad = true;
      }
      return { bad };
    },
    write: (payload, s) =>
      serializeCookie(name, protector.protect(JSON.stringify(payload)), {
        ...attrs,
        maxAge: s.persistent ? s.expiresAt - ctx.now() : undefined,
      }),
    clear: () => clearCookie(name, attrs),
  };
}
