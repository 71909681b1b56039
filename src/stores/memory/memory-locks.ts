import { type LockBackend, withPolledLock } from '../lock-loop.js';
import type { LockProvider } from '../types.js';

/** An in-process {@link LockProvider}: locks exclude callers within this process only. */
export class MemoryLockProvider implements LockProvider, LockBackend {
  readonly #held = new Map<string, { owner: string; expiresAtMs: number }>();

  withLock<T>(name: string, ttlSeconds: number, fn: () => Promise<T>, waitMs?: number): Promise<T | undefined> {
    return withPolledLock(this, name, ttlSeconds, fn, waitMs);
  }

  async tryAcquire(name: string, owner: string, ttlSeconds: number): Promise<boolean> {
    const held = this.#held.get(name);
    if (held && held.expiresAtMs > Date.now()) return false;
    this.#held.set(name, { owner, expiresAtMs: Date.now() + ttlSeconds * 1000 });
    return true;
  }

  async release(name: string, owner: string): Promise<void> {
    if (this.#held.get(name)?.owner === owner) this.#held.delete(name);
  }
}
