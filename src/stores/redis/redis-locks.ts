import type { Redis } from 'ioredis';
import { type LockBackend, withPolledLock } from '../lock-loop.js';
import type { LockProvider } from '../types.js';
import type { RedisLogger } from './redis-client.js';
import { redisKey } from './redis-keys.js';
import { redisScript } from './redis-script.js';

/** Deletes the lock only if `owner` still holds it. */
const RELEASE = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`);

/** Pushes the lease of `owner` out to `ms` from now; 0 when `owner` no longer holds the lock. */
const EXTEND = redisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`);

/**
 * How many `ttlSeconds` a live holder may keep a lock in all. A holder that is still running after
 * that is taken to be hung: its lease is no longer renewed, so another instance can take over,
 * which is what the shared contract asks of every provider.
 */
export const MAX_LEASES = 3;

/** One held lock whose lease is being renewed. */
interface Lease {
  timer?: NodeJS.Timeout;
  active: boolean;
}

/**
 * A {@link LockProvider} on Redis: `SET key owner NX PX ttl` with a random owner token, released
 * by a compare-and-delete script so a holder never frees a lock someone else took over. While
 * `fn` runs, the lease is renewed every third of `ttlSeconds`, so a key rotation that runs longer
 * than expected is not stolen; renewal stops after {@link MAX_LEASES} times `ttlSeconds`.
 * Waiting polls every 25 ms until `waitMs` (the loop shared with the memory and SQL providers).
 *
 * Every method rejects when Redis cannot be reached; wrap the provider with `withLockFallback`
 * to take the database lock instead.
 */
export class RedisLockProvider implements LockProvider, LockBackend {
  readonly #client: Redis;
  readonly #prefix: string;
  readonly #logger: RedisLogger | undefined;
  readonly #leases = new Map<string, Lease>();

  /** Uses `client`, prefixes every key with `prefix` and warns `logger` when a lease is lost. */
  constructor(client: Redis, prefix: string, logger?: RedisLogger) {
    this.#client = client;
    this.#prefix = prefix;
    this.#logger = logger;
  }

  withLock<T>(name: string, ttlSeconds: number, fn: () => Promise<T>, waitMs?: number): Promise<T | undefined> {
    if (!(Number.isFinite(ttlSeconds) && ttlSeconds > 0)) {
      return Promise.reject(new TypeError('"ttlSeconds" must be a positive number'));
    }
    return withPolledLock(this, name, ttlSeconds, fn, waitMs);
  }

  /** Takes `name` for `owner` and starts renewing its lease. */
  async tryAcquire(name: string, owner: string, ttlSeconds: number): Promise<boolean> {
    const ttlMs = Math.max(1, Math.round(ttlSeconds * 1000));
    const taken = (await this.#client.set(this.#key(name), owner, 'PX', ttlMs, 'NX')) === 'OK';
    if (taken) this.#renew(name, owner, ttlMs);
    return taken;
  }

  /** Stops renewing and deletes the lock if `owner` still holds it. */
  async release(name: string, owner: string): Promise<void> {
    this.#stop(owner);
    await RELEASE.run(this.#client, [this.#key(name)], [owner]);
  }

  /** Stops renewing every lease; for shutdown. */
  stopRenewals(): void {
    for (const owner of [...this.#leases.keys()]) this.#stop(owner);
  }

  #renew(name: string, owner: string, ttlMs: number): void {
    const lease: Lease = { active: true };
    const giveUpAt = Date.now() + MAX_LEASES * ttlMs;
    const schedule = () => {
      lease.timer = setTimeout(tick, Math.max(1, Math.floor(ttlMs / 3)));
      lease.timer.unref();
    };
    const tick = async () => {
      const left = giveUpAt - Date.now();
      if (left <= 0) {
        this.#stop(owner);
        this.#logger?.warn({ lock: name, maxLeases: MAX_LEASES }, 'lock holder still running; lease no longer renewed');
        return;
      }
      const extended = await EXTEND.run(this.#client, [this.#key(name)], [owner, Math.min(ttlMs, left)]).catch(
        (err: Error) => this.#logger?.warn({ lock: name, err: err.message }, 'could not renew a lock lease'),
      );
      if (!lease.active) return;
      if (extended === 0) {
        this.#stop(owner);
        this.#logger?.warn({ lock: name }, 'lock lease lost while its holder was running');
        return;
      }
      schedule();
    };
    this.#leases.set(owner, lease);
    schedule();
  }

  #stop(owner: string): void {
    const lease = this.#leases.get(owner);
    if (!lease) return;
    lease.active = false;
    clearTimeout(lease.timer);
    this.#leases.delete(owner);
  }

  #key(name: string): string {
    return redisKey(this.#prefix, 'lock', [name]);
  }
}
