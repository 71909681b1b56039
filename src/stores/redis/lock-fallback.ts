import type { LockProvider } from '../types.js';

/**
 * Wraps the Redis lock provider so that a lock is taken in `fallback` (the database's provider)
 * when Redis cannot be reached. `fn` runs at most once: an error thrown by `fn` itself is passed
 * on, never retried under the fallback; only a failure before `fn` started (taking or waiting for
 * the Redis lock) switches to the fallback, which then waits up to `waitMs` again.
 *
 * Trade-off: an instance that still reaches Redis and one that does not hold different locks, so
 * during the switch-over, or a network partition that cuts only some instances off Redis, two
 * holders can overlap. Sigil's locks guard work that tolerates this (data-protection key creation
 * re-reads the key ring under the lock, so an overlap at worst creates one extra key); do not use
 * them for anything that must never run twice.
 *
 * @example
 * ```ts
 * const locks = withLockFallback(redis.locks, databaseStores.locks);
 * await locks.withLock('key-rotation', 60, () => rotateKeys(), 5000);
 * ```
 */
export function withLockFallback(primary: LockProvider, fallback: LockProvider): LockProvider {
  return {
    async withLock<T>(name: string, ttlSeconds: number, fn: () => Promise<T>, waitMs?: number) {
      let started = false;
      const run = () => {
        started = true;
        return fn();
      };
      try {
        return await primary.withLock(name, ttlSeconds, run, waitMs);
      } catch (e) {
        if (started) throw e;
        return fallback.withLock(name, ttlSeconds, fn, waitMs);
      }
    },
  };
}
