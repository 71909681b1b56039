import type { StoredUser, UserRecordStore } from '../types.js';

/** A Map-backed {@link UserRecordStore}; usernames are unique case-insensitively. */
export class MemoryUserStore implements UserRecordStore {
  readonly #bySubject = new Map<string, StoredUser>();
  readonly #byUsername = new Map<string, string>();
  readonly #failures = new Map<string, { count: number; windowStart: number }>();

  async add(user: StoredUser): Promise<boolean> {
    const name = user.username.toLowerCase();
    if (this.#bySubject.has(user.subjectId) || this.#byUsername.has(name)) return false;
    this.#bySubject.set(user.subjectId, structuredClone(user));
    this.#byUsername.set(name, user.subjectId);
    return true;
  }

  async findByUsername(username: string): Promise<StoredUser | undefined> {
    const subject = this.#byUsername.get(username.toLowerCase());
    return subject === undefined ? undefined : this.findBySubject(subject);
  }

  async findBySubject(subjectId: string): Promise<StoredUser | undefined> {
    const u = this.#bySubject.get(subjectId);
    return u && structuredClone(u);
  }

  async countFailure(subjectId: string, now: number, windowSeconds: number, reset?: boolean): Promise<number> {
    if (reset) {
      this.#failures.delete(subjectId);
      return 0;
    }
    const f = this.#failures.get(subjectId);
    if (!f || f.windowStart <= now - windowSeconds) {
      this.#failures.set(subjectId, { count: 1, windowStart: now });
      return 1;
    }
    return ++f.count;
  }
}
