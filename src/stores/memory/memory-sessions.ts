import { assertFilter } from '../lock-loop.js';
import type { ServerSideSession, SessionFilter, SessionStore } from '../types.js';

function matches(s: ServerSideSession, f: SessionFilter): boolean {
  return (
    (f.subjectId === undefined || s.subjectId === f.subjectId) &&
    (f.sessionId === undefined || s.sessionId === f.sessionId)
  );
}

/** A Map-backed {@link SessionStore}. */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, ServerSideSession>();

  async create(session: ServerSideSession): Promise<void> {
    if (this.#sessions.has(session.key)) throw new Error(`session ${session.key} already exists`);
    this.#sessions.set(session.key, { ...session });
  }

  async get(key: string): Promise<ServerSideSession | undefined> {
    const s = this.#sessions.get(key);
    return s && { ...s };
  }

  async update(session: ServerSideSession): Promise<void> {
    if (this.#sessions.has(session.key)) this.#sessions.set(session.key, { ...session });
  }

  async remove(key: string): Promise<boolean> {
    return this.#sessions.delete(key);
  }

  async list(filter: SessionFilter): Promise<ServerSideSession[]> {
    assertFilter(filter, 'session');
    return [...this.#sessions.values()].filter((s) => matches(s, filter)).map((s) => ({ ...s }));
  }

  async removeAll(filter: SessionFilter): Promise<ServerSideSession[]> {
    assertFilter(filter, 'session');
    const removed: ServerSideSession[] = [];
    for (const [key, s] of this.#sessions) {
      if (matches(s, filter) && this.#sessions.delete(key)) removed.push(s);
    }
    return removed;
  }

  async removeExpired(now: number, batchSize: number): Promise<ServerSideSession[]> {
    const removed: ServerSideSession[] = [];
    for (const [key, s] of this.#sessions) {
      if (removed.length >= batchSize) break;
      if (s.expiresAt !== undefined && s.expiresAt < now && this.#sessions.delete(key)) removed.push(s);
    }
    return removed;
  }
}
