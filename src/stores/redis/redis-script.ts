import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script run by its SHA-1, sent in full only when Redis does not know it yet. */
export interface RedisScript {
  /** Runs the script with `keys` and `args`; rejects when Redis cannot be reached. */
  run(client: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

/**
 * Wraps `lua` so that it travels as `EVALSHA` and falls back to `EVAL` once after a `NOSCRIPT`
 * (a restarted or flushed Redis).
 *
 * @example
 * ```ts
 * const release = redisScript("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");
 * await release.run(client, [key], [owner]);
 * ```
 */
export function redisScript(lua: string): RedisScript {
  const sha = createHash('sha1').update(lua).digest('hex');
  return {
    async run(client, keys, args) {
      try {
        return await client.evalsha(sha, keys.length, ...keys, ...args);
      } catch (e) {
        if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
        return client.eval(lua, keys.length, ...keys, ...args);
      }
    },
  };
}
