/**
 * The login session (Duende `IUserSession` plus the authentication cookie and server-side
 * sessions): read the session of a request, sign in, record clients, sign out, list and revoke.
 * A cookie that cannot be read (another application name, a key rotated away, tampering) means
 * "not signed in", with a warning in the log, never an error.
 */
import type { ServerContext } from '../context.js';
import { randomId } from '../crypto/handles.js';
import type { CookieSource } from './cookies.js';
import { createSessionCookie } from './session-cookie.js';
import type { SessionsRevokedHook } from './session-hooks.js';
import { freezeSession } from './session-ticket.js';
import {
  type CookiePayload,
  cookieTicketStore,
  readSessionRows,
  type StoredSession,
  serverSideTicketStore,
} from './ticket-stores.js';
import type { UserSession } from './types.js';

/** How a user signed in. */
export interface SignInInput {
  readonly subjectId: string;
  readonly displayName?: string;
  /** Default `['pwd']`. */
  readonly amr?: readonly string[];
  readonly acr?: string;
  /** Default `local`. */
  readonly idp?: string;
  /** Default now. */
  readonly authTime?: number;
  /** "Remember me": a persistent cookie instead of a browser-session cookie. */
  readonly persistent?: boolean;
}

/** The session of a request and the cookies to send back (renewal or deletion of a bad cookie). */
export interface SessionLookup {
  readonly session?: UserSession;
  readonly cookies: readonly string[];
}

/** A session after a change, with the cookies that carry it. */
export interface SessionChange {
  readonly session: UserSession;
  readonly cookies: readonly string[];
}

/** Which sessions to list or revoke. */
export interface SessionQuery {
  readonly subjectId?: string;
  readonly sessionId?: string;
}

/** The session service. */
export interface SessionService {
  getSession(req: CookieSource): Promise<SessionLookup>;
  signIn(req: CookieSource, input: SignInInput): Promise<SessionChange>;
  addClient(session: UserSession, clientId: string): Promise<SessionChange>;
  /**
   * End a session: the request's (read from its cookie), or a given one. Removes the server-side
   * session and returns the cookie deletion; grants stay (see `revokeSessions`), and no hook runs:
   * logout notifications belong to `interaction.signOut`.
   */
  signOut(from: CookieSource | UserSession): Promise<{ session?: UserSession; cookies: readonly string[] }>;
  listSessions(subjectId: string): Promise<UserSession[]>;
  revokeSessions(filter: SessionQuery): Promise<UserSession[]>;
}

/** The data-protection purpose of server-side session tickets. */
export const SESSION_TICKET_PURPOSE = 'server-side-session';

/** Create the session service for a server. */
export function createSessionService(ctx: ServerContext, onRevoked?: SessionsRevokedHook): SessionService {
  const opts = ctx.options.authentication;
  const ticketProtector = ctx.protection.createProtector(SESSION_TICKET_PURPOSE);
  const tickets = opts.serverSideSessions ? serverSideTicketStore(ctx, ticketProtector) : cookieTicketStore();
  const sessionCookie = createSessionCookie(ctx, tickets);
  const read = (req: CookieSource) => sessionCookie.read(req);
  const cookie = (payload: CookiePayload, s: UserSession) => sessionCookie.write(payload, s);
  const clear = () => sessionCookie.clear();
  const known = new WeakMap<UserSession, StoredSession>();

  async function update(stored: StoredSession, next: UserSession): Promise<SessionChange> {
    const payload = await tickets.update(stored, next, ctx.now());
    known.set(next, { ...stored, session: next });
    return { session: next, cookies: payload ? [cookie(payload, next)] : [] };
  }

  return {
    async getSession(req) {
      const { stored, payload, bad } = await read(req);
      if (!stored || !payload) return { cookies: bad ? [clear()] : [] };
      const s = stored.session;
      const now = ctx.now();
      // Sliding expiry renews once half of the lifetime has passed, as ASP.NET cookies do.
      if (!opts.cookieSlidingExpiration || s.expiresAt - now >= opts.cookieLifetime / 2) {
        known.set(s, stored);
        return { session: s, cookies: [] };
      }
      const renewed = freezeSession({ ...s, expiresAt: now + opts.cookieLifetime });
      const changed = await tickets.update(stored, renewed, now);
      known.set(renewed, { ...stored, session: renewed });
      // A browser-session cookie that only references the session needs no new expiry.
      const next = changed ?? (renewed.persistent ? payload : undefined);
      return { session: renewed, cookies: next ? [cookie(next, renewed)] : [] };
    },

    async signIn(req, input) {
      const now = ctx.now();
      const { stored } = await read(req);
      const previous = stored?.session;
      if (stored) await tickets.remove(stored);
      const same = previous?.subjectId === input.subjectId;
      const session = freezeSession({
        // Duende keeps the sid when the same user signs in again, so clients' sessions stay valid.
        sessionId: same ? previous.sessionId : randomId(16),
        subjectId: input.subjectId,
        displayName: input.displayName,
        authTime: input.authTime ?? now,
        amr: input.amr ?? ['pwd'],
        acr: input.acr,
        idp: input.idp ?? 'local',
        clientIds: same ? previous.clientIds : [],
        createdAt: now,
        expiresAt: now + opts.cookieLifetime,
        persistent: input.persistent === true,
      });
      // A new cookie value on every sign-in: a planted cookie never becomes an authenticated one.
      const { payload, storeKey } = await tickets.create(session);
      known.set(session, { session, storeKey });
      return { session, cookies: [cookie(payload, session)] };
    },

    async addClient(session, clientId) {
      // Duende 7.2: write only when the client is new (the 7.1 regression rewrote it every time).
      if (session.clientIds.includes(clientId)) return { session, cookies: [] };
      const next = freezeSession({ ...session, clientIds: [...session.clientIds, clientId] });
      const stored = known.get(session) ?? (await findStored(session));
      if (!stored) return { session: next, cookies: [] };
      return update(stored, next);
    },

    async signOut(from) {
      if ('sessionId' in from) {
        const stored = known.get(from) ?? (await findStored(from));
        if (stored) await tickets.remove(stored);
        return { session: from, cookies: [clear()] };
      }
      const { stored, bad } = await read(from);
      if (stored) await tickets.remove(stored);
      return { session: stored?.session, cookies: stored || bad ? [clear()] : [] };
    },

    async listSessions(subjectId) {
      if (!tickets.serverSide) return [];
      return readSessionRows(ctx, ticketProtector, await ctx.stores.sessions.list({ subjectId }));
    },

    async revokeSessions(filter) {
      if (filter.subjectId === undefined && filter.sessionId === undefined)
        throw new TypeError('revokeSessions needs a subjectId or a sessionId');
      const rows = tickets.serverSide ? await ctx.stores.sessions.removeAll({ ...filter }) : [];
      const sessions = readSessionRows(ctx, ticketProtector, rows);
      const sessionIds = new Set(rows.map((r) => r.sessionId));
      if (!tickets.serverSide && filter.sessionId) sessionIds.add(filter.sessionId);
      for (const sessionId of sessionIds) await ctx.stores.grants.removeAll({ sessionId });
      try {
        await onRevoked?.(sessions, ctx, 'revoked');
      } catch (err) {
        ctx.logger.error({ err }, 'the sessions-revoked hook failed');
      }
      return sessions;
    },
  };

  async function findStored(session: UserSession): Promise<StoredSession | undefined> {
    if (!tickets.serverSide) return undefined;
    const rows = await ctx.stores.sessions.list({ sessionId: session.sessionId });
    const row = rows.find((r) => r.subjectId === session.subjectId);
    return row && { session, storeKey: row.key };
  }
}
