import { assertFilter } from '../lock-loop.js';
import type { ConsumeResult, GrantFilter, GrantStore, PersistedGrant } from '../types.js';

function matches(g: PersistedGrant, f: GrantFilter): boolean {
  return (
    (f.subjectId === undefined || g.subjectId === f.subjectId) &&
    (f.sessionId === undefined || g.sessionId === f.sessionId) &&
    (f.clientId === undefined || g.clientId === f.clientId) &&
    (f.familyId === undefined || g.familyId === f.familyId) &&
    (f.type === undefined || g.type === f.type)
  );
}

/**
 * A Map-backed {@link GrantStore}. Every method does its check and its write in one synchronous
 * step, so `consume` and `rotate` are atomic without locks. Returned grants are copies.
 */
export class MemoryGrantStore implements GrantStore {
  readonly #grants = new Map<string, PersistedGrant>();

  async store(grant: PersistedGrant): Promise<void> {
    if (this.#grants.has(grant.key)) throw new Error(`grant ${grant.key} already exists`);
    this.#grants.set(grant.key, { ...grant });
  }

  async upsert(grant: PersistedGrant): Promise<void> {
    this.#grants.set(grant.key, { ...grant });
  }

  async get(key: string): Promise<PersistedGrant | undefined> {
    const g = this.#grants.get(key);
    return g && { ...g };
  }

  async consume(key: string, now: number): Promise<ConsumeResult> {
    return this.#consume(key, now);
  }

  async rotate(oldKey: string, next: PersistedGrant, now: number, graceSince?: number): Promise<ConsumeResult> {
    const result = this.#consume(oldKey, now);
    if (result.status === 'not-found') return result;
    const inGrace =
      result.status === 'already-consumed' && graceSince !== undefined && (result.grant.consumedAt ?? 0) >= graceSince;
    if (result.status === 'consumed' || inGrace) {
      if (this.#grants.has(next.key)) throw new Error(`grant ${next.key} already exists`);
      this.#grants.set(next.key, { ...next });
    }
    return result;
  }

  async update(key: string, changes: { data?: string; expiresAt?: number }): Promise<boolean> {
    const g = this.#grants.get(key);
    if (!g) return false;
    if (changes.data !== undefined) g.data = changes.data;
    if (changes.expiresAt !== undefined) g.expiresAt = changes.expiresAt;
    return true;
  }

  async remove(key: string): Promise<boolean> {
    return this.#grants.delete(key);
  }

  async removeAll(filter: GrantFilter): Promise<number> {
    assertFilter(filter, 'grant');
    let n = 0;
    for (const [key, g] of this.#grants) if (matches(g, filter) && this.#grants.delete(key)) n++;
    return n;
  }

  async list(filter: GrantFilter): Promise<PersistedGrant[]> {
    assertFilter(filter, 'grant');
    return [...this.#grants.values()].filter((g) => matches(g, filter)).map((g) => ({ ...g }));
  }

  async removeExpired(now: number, batchSize: number): Promise<number> {
    let n = 0;
    for (const [key, g] of this.#grants) {
      if (n >= batchSize) break;
      if (g.expiresAt !== undefined && g.expiresAt < now && this.#grants.delete(key)) n++;
    }
    return n;
  }

  #consume(key: string, now: number): ConsumeResult {
    const g = this.#grants.get(key);
    if (!g) return { status: 'not-found' };
    if (g.consumedAt !== undefined) return { status: 'already-consumed', grant: { ...g } };
    g.consumedAt = now;
    return { status: 'consumed', grant: { ...g } };
  }
}
