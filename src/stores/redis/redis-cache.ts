import type { Redis } from 'ioredis';
import type { DistributedCache } from '../types.js';
import { redisKey } from './redis-keys.js';
import { redisScript } from './redis-script.js';

/** INCR, and set the expiry only when this call created the key. */
const INCREMENT = redisScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`);

/**
 * A {@link DistributedCache} on Redis, shared by every server instance that uses the same Redis
 * and key prefix. Keys are hashed, so any string is safe. `increment` is one Lua script: atomic,
 * and the expiry is set only when the key is created (a fixed window, as in the memory cache).
 *
 * Every method rejects when Redis cannot be reached; wrap the cache with `withCacheFallback` to
 * keep that out of the request path.
 */
export class RedisCache implements DistributedCache {
  readonly #client: Redis;
  readonly #prefix: string;

  /** Uses `client` and prefixes every key with `prefix`. */
  constructor(client: Redis, prefix: string) {
    this.#client = client;
    this.#prefix = prefix;
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#client.get(this.#key(key))) ?? undefined;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.#client.set(this.#key(key), value, 'PX', ttlMs(ttlSeconds));
  }

  async delete(key: string): Promise<void> {
    await this.#client.del(this.#key(key));
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const n = await INCREMENT.run(this.#client, [this.#key(key)], [ttlMs(ttlSeconds)]);
    return Number(n);
  }

  #key(key: string): string {
    return redisKey(this.#prefix, 'cache', [key]);
  }
}

/** A TTL in whole milliseconds, at least 1 (Redis refuses 0). */
function ttlMs(ttlSeconds: number): number {
  if (!Number.isFinite(ttlSeconds)) throw new TypeError('"ttlSeconds" must be a finite number');
  return Math.max(1, Math.round(ttlSeconds * 1000));
}
