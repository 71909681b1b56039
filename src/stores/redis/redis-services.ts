import type { DistributedCache, LockProvider, ReplayCache } from '../types.js';
import { RedisCache } from './redis-cache.js';
import { closeRedisClient, DEFAULT_REDIS_TIMEOUT_MS, openRedisClient, type RedisLogger } from './redis-client.js';
import { RedisLockProvider } from './redis-locks.js';
import { RedisReplayCache } from './redis-replay.js';

/** Where the Redis services connect (config `cache: { type: "redis", url, keyPrefix }`). */
export interface RedisServicesOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://` for TLS. */
  url: string;
  /** Prepended to every key, so several deployments can share one Redis. Default `"sigil:"`. */
  keyPrefix?: string;
  /** How long a connection attempt or a single command may take, in milliseconds. Default 2000. */
  timeoutMs?: number;
}

/** What the Redis services need from the server. */
export interface RedisServicesDeps {
  /** Receives one warning per Redis outage and one line when it ends. */
  logger?: RedisLogger;
}

/** The replay cache, distributed cache and locks on one shared Redis connection. */
export interface RedisServices {
  /** Fails closed: rejects while Redis is down. */
  readonly replay: ReplayCache;
  /** Rejects while Redis is down; wrap with `withCacheFallback`. */
  readonly cache: DistributedCache;
  /** Rejects while Redis is down; wrap with `withLockFallback`. */
  readonly locks: LockProvider;
  /** True when Redis answers a PING; never throws (for health checks). */
  ping(): Promise<boolean>;
  /** Stops lease renewals and closes the connection. */
  close(): Promise<void>;
}

/**
 * Connects to Redis and returns a replay cache, distributed cache and lock provider that every
 * server instance using the same Redis and `keyPrefix` shares. Resolves even when Redis is down,
 * so the server starts and follows the Redis-down policy until Redis comes back.
 *
 * **Redis-down policy.** The client never queues commands while disconnected and bounds every
 * command by `timeoutMs`, so a request never hangs on Redis. Then, per use:
 *
 * - **Replay cache: fail closed.** `replay.add` rejects; it never resolves `true` without having
 *   recorded the id. Client authentication answers `temporarily_unavailable`. There is no
 *   fallback to the database: ids recorded in Redis before the outage are unknown to it, so a
 *   fallback would accept their replay.
 * - **Distributed cache: fall back.** Wrap with `withCacheFallback(redis.cache, db.cache)`:
 *   reads and writes go to the database cache, and a read fails as a miss, never as an error.
 * - **Locks: fall back.** Wrap with `withLockFallback(redis.locks, db.locks)`: the lock is taken
 *   in the database instead.
 *
 * @example
 * ```ts
 * const redis = await createRedisServices({ url: 'redis://127.0.0.1:6379' }, { logger });
 * const stores: Stores = {
 *   ...db,
 *   replay: redis.replay,
 *   cache: withCacheFallback(redis.cache, db.cache),
 *   locks: withLockFallback(redis.locks, db.locks),
 *   close: async () => {
 *     await redis.close();
 *     await db.close();
 *   },
 * };
 * ```
 */
export async function createRedisServices(
  options: RedisServicesOptions,
  deps: RedisServicesDeps = {},
): Promise<RedisServices> {
  if (typeof options.url !== 'string' || options.url === '') throw new TypeError('"url" must be a Redis URL');
  const prefix = options.keyPrefix ?? 'sigil:';
  const client = await openRedisClient(options.url, options.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS, deps.logger);
  const locks = new RedisLockProvider(client, prefix, deps.logger);
  return {
    replay: new RedisReplayCache(client, prefix),
    cache: new RedisCache(client, prefix),
    locks,
    ping: () =>
      client.ping().then(
        (r) => r === 'PONG',
        () => false,
      ),
    close: async () => {
      locks.stopRenewals();
      await closeRedisClient(client);
    },
  };
}
