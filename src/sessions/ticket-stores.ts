/**
 * Where a session lives: server side (the default: the cookie holds a random key; the session is
 * a row in `stores.sessions`, revocable and listable) or entirely in the protected cookie.
 */
import type { ServerContext } from '../context.js';
import { handleKey, newHandle } from '../crypto/handles.js';
import type { DataProtector } from '../crypto/types.js';
import { decodeTicket, encodeTicket } from './session-ticket.js';
import type { UserSession } from './types.js';

/** What the protected cookie holds: a session key, or the whole session. */
export type CookiePayload = { readonly v: 1; readonly k: string } | { readonly v: 1; readonly t: UserSession };

/** A session as read from its cookie, with the store key when it is server side. */
export interface StoredSession {
  readonly session: UserSession;
  /** Hash of the cookie's session key: the `stores.sessions` key. */
  readonly storeKey?: string;
}

/** How sessions are kept. */
export interface TicketStore {
  readonly serverSide: boolean;
  /** Keep a new session; returns what the cookie holds. */
  create(session: UserSession): Promise<{ payload: CookiePayload; storeKey?: string }>;
  read(payload: CookiePayload): Promise<StoredSession | undefined>;
  /** Save changes; returns a new cookie payload when the cookie must change. */
  update(stored: StoredSession, session: UserSession, renewedAt: number): Promise<CookiePayload | undefined>;
  remove(stored: StoredSession): Promise<void>;
}

const STORE_KEY_TYPE = 'server_side_session';

/** Sessions in `stores.sessions`; the ticket is data-protected at rest. */
export function serverSideTicketStore(ctx: ServerContext, protector: DataProtector): TicketStore {
  const row = (storeKey: string, s: UserSession, renewedAt: number) => ({
    key: storeKey,
    subjectId: s.subjectId,
    sessionId: s.sessionId,
    displayName: s.displayName,
    createdAt: s.createdAt,
    renewedAt,
    expiresAt: s.expiresAt,
    data: protector.protect(encodeTicket(s)),
  });
  return {
    serverSide: true,
    async create(session) {
      const key = newHandle();
      const storeKey = handleKey(STORE_KEY_TYPE, key);
      await ctx.stores.sessions.create(row(storeKey, session, session.createdAt));
      return { payload: { v: 1, k: key }, storeKey };
    },
    async read(payload) {
      if (!('k' in payload) || typeof payload.k !== 'string') return undefined;
      const storeKey = handleKey(STORE_KEY_TYPE, payload.k);
      const stored = await ctx.stores.sessions.get(storeKey);
      if (!stored) return undefined;
      const session = decodeTicket(protector.unprotect(stored.data));
      return session && { session, storeKey };
    },
    async update(stored, session, renewedAt) {
      if (stored.storeKey) await ctx.stores.sessions.update(row(stored.storeKey, session, renewedAt));
      return undefined;
    },
    async remove(stored) {
      if (stored.storeKey) await ctx.stores.sessions.remove(stored.storeKey);
    },
  };
}

/** Sessions entirely in the cookie (`authentication.serverSideSessions: false`): not revocable. */
export function cookieTicketStore(): TicketStore {
  return {
    serverSide: false,
    async create(session) {
      return { payload: { v: 1, t: session } };
    },
    async read(payload) {
      if (!('t' in payload)) return undefined;
      const session = decodeTicket(JSON.stringify(payload.t));
      return session && { session };
    },
    async update(_stored, session) {
      return { v: 1, t: session };
    },
    async remove() {},
  };
}

/** Decode a session row's ticket (listing and revocation). */
export function readSessionRow(protector: DataProtector, data: string): UserSession | undefined {
  return decodeTicket(protector.unprotect(data));
}

/** The sessions of stored rows; a row that cannot be unprotected is logged and skipped. */
export function readSessionRows(
  ctx: ServerContext,
  protector: DataProtector,
  rows: readonly { readonly data: string }[],
): UserSession[] {
  return rows.flatMap((r) => {
    try {
      const s = readSessionRow(protector, r.data);
      return s ? [s] : [];
    } catch (err) {
      ctx.logger.warn({ err: (err as Error).message }, 'a stored session could not be unprotected');
      return [];
    }
  });
}
