import type { DistributedCache } from '../types.js';

/**
 * Wraps the Redis cache so that Redis being down never throws into the request path: each call
 * goes to `primary` and, when that rejects, to `fallback` (the database's cache).
 *
 * - `get` never throws: when both fail it is a miss.
 * - `set` never throws: a cache write is best effort; when both fail the value is simply not cached.
 * - `delete` goes to both, so no stale copy survives in the fallback for the next outage; it
 *   throws only when both fail, because an invalidation that did not happen must be seen.
 * - `increment` throws when both fail: a counter cannot be invented.
 *
 * Trade-offs: entries written to Redis before an outage are unknown to the fallback (a miss,
 * recomputed), and counters are split between the two during an outage (rate limits count from
 * zero again in the fallback). Entries deleted while Redis was down may still be served by Redis
 * after it returns, until their TTL ends.
 *
 * @example
 * ```ts
 * const cache = withCacheFallback(redis.cache, databaseStores.cache);
 * ```
 */
export function withCacheFallback(primary: DistributedCache, fallback: DistributedCache): DistributedCache {
  return {
    async get(key) {
      try {
        return await primary.get(key);
      } catch {
        return fallback.get(key).catch(() => undefined);
      }
    },
    async set(key, value, ttlSeconds) {
      try {
        await primary.set(key, value, ttlSeconds);
      } catch {
        await fallback.set(key, value, ttlSeconds).catch(() => undefined);
      }
    },
    async delete(key) {
      const [p, f] = await Promise.allSettled([primary.delete(key), fallback.delete(key)]);
      if (p.status === 'rejected' && f.status === 'rejected') throw f.reason;
    },
    async increment(key, ttlSeconds) {
      try {
        return await primary.increment(key, ttlSeconds);
      } catch {
        return fallback.increment(key, ttlSeconds);
      }
    },
  };
}
