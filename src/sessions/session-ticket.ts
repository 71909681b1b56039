/**
 * The serialised form of a {@link UserSession}: JSON, data-protected. Decoding checks the shape,
 * so a ticket written by an older version reads as "not signed in" rather than as a broken session.
 */
import type { UserSession } from './types.js';

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The JSON of a session. */
export function encodeTicket(session: UserSession): string {
  return JSON.stringify(session);
}

/** The session in `json`, or undefined when it is not a complete session. */
export function decodeTicket(json: string): UserSession | undefined {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const ok =
    typeof v.sessionId === 'string' &&
    typeof v.subjectId === 'string' &&
    typeof v.authTime === 'number' &&
    isStrings(v.amr) &&
    typeof v.idp === 'string' &&
    isStrings(v.clientIds) &&
    typeof v.createdAt === 'number' &&
    typeof v.expiresAt === 'number' &&
    typeof v.persistent === 'boolean' &&
    (v.acr === undefined || typeof v.acr === 'string') &&
    (v.displayName === undefined || typeof v.displayName === 'string');
  return ok ? freezeSession(v as unknown as UserSession) : undefined;
}

/** A frozen copy of `s` with frozen lists. */
export function freezeSession(s: UserSession): UserSession {
  return Object.freeze({ ...s, amr: Object.freeze([...s.amr]), clientIds: Object.freeze([...s.clientIds]) });
}
