/**
 * Optional Redis services: a replay cache, distributed cache and locks shared by every server
 * instance, selected by config `cache: { type: "redis", url, keyPrefix }`. See
 * {@link createRedisServices} for the Redis-down policy.
 */
export { withCacheFallback } from './cache-fallback.js';
export { withLockFallback } from './lock-fallback.js';
export { RedisCache } from './redis-cache.js';
export { DEFAULT_REDIS_TIMEOUT_MS, type RedisLogger } from './redis-client.js';
export { MAX_LEASES, RedisLockProvider } from './redis-locks.js';
export { RedisReplayCache } from './redis-replay.js';
export {
  createRedisServices,
  type RedisServices,
  type RedisServicesDeps,
  type RedisServicesOptions,
} from './redis-services.js';
