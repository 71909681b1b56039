import type { Redis } from 'ioredis';
import type { ReplayCache } from '../types.js';
import { redisKey } from './redis-keys.js';

/**
 * A {@link ReplayCache} on Redis, shared by every server instance that uses the same Redis and
 * key prefix. `add` is one `SET key 1 NX PXAT` command, so concurrent adds of one id have exactly
 * one winner. An entry lives through the whole second `expiresAt`, like the memory and SQL caches.
 *
 * Redis-down policy: fail closed. When Redis cannot be reached `add` rejects; it never resolves
 * `true` without having recorded the id. Client authentication maps that rejection to
 * `temporarily_unavailable`.
 */
export class RedisReplayCache implements ReplayCache {
  readonly #client: Redis;
  readonly #prefix: string;

  /** Uses `client` and prefixes every key with `prefix`. */
  constructor(client: Redis, prefix: string) {
    this.#client = client;
    this.#prefix = prefix;
  }

  async add(purpose: string, id: string, expiresAt: number): Promise<boolean> {
    if (!Number.isFinite(expiresAt)) throw new TypeError('"expiresAt" must be a finite number of epoch seconds');
    const key = redisKey(this.#prefix, 'replay', [purpose, id]);
    // Redis does not store a key whose PXAT is already past, and answers OK: an id that has
    // already expired is accepted, as in every other implementation.
    const reply = await this.#client.set(key, '1', 'PXAT', (Math.floor(expiresAt) + 1) * 1000, 'NX');
    return reply === 'OK';
  }

  /** Always 0: Redis deletes expired entries itself. */
  async removeExpired(_now: number, _batchSize: number): Promise<number> {
    return 0;
  }
}
