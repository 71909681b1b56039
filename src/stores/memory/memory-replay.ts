import type { ReplayCache } from '../types.js';

/** A Map-backed {@link ReplayCache}: an expired entry is replaced, a live one is a replay. */
export class MemoryReplayCache implements ReplayCache {
  readonly #entries = new Map<string, number>();

  async add(purpose: string, id: string, expiresAt: number): Promise<boolean> {
    const k = `${purpose}\u0000${id}`;
    const existing = this.#entries.get(k);
    if (existing !== undefined && existing >= nowSeconds()) return false;
    this.#entries.set(k, expiresAt);
    return true;
  }

  async removeExpired(now: number, batchSize: number): Promise<number> {
    let n = 0;
    for (const [k, exp] of this.#entries) {
      if (n >= batchSize) break;
      if (exp < now && this.#entries.delete(k)) n++;
    }
    return n;
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
