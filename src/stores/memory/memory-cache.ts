import type { DistributedCache } from '../types.js';

/** Entries written between two sweeps of expired entries. */
const SWEEP_EVERY = 1000;

/** An in-process {@link DistributedCache} with per-entry TTL (expired entries read as absent). */
export class MemoryCache implements DistributedCache {
  readonly #entries = new Map<string, { value: string; expiresAtMs: number }>();
  #writes = 0;

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.#write(key, value, ttlSeconds);
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const e = this.#live(key);
    if (e) {
      e.value = String(Number(e.value) + 1);
      return Number(e.value);
    }
    this.#write(key, '1', ttlSeconds);
    return 1;
  }

  #live(key: string): { value: string; expiresAtMs: number } | undefined {
    const e = this.#entries.get(key);
    if (e && e.expiresAtMs <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return e;
  }

  #write(key: string, value: string, ttlSeconds: number): void {
    this.#entries.set(key, { value, expiresAtMs: Date.now() + ttlSeconds * 1000 });
    if (++this.#writes % SWEEP_EVERY !== 0) return;
    const now = Date.now();
    for (const [k, e] of this.#entries) if (e.expiresAtMs <= now) this.#entries.delete(k);
  }
}
