import { sql } from 'kysely';
import type { DistributedCache } from '../types.js';
import type { SigilDb, SqlDialect } from './dialect.js';

/** Writes between two sweeps of expired entries, and how many one sweep deletes at most. */
const SWEEP_EVERY = 1000;
const SWEEP_BATCH = 500;

/** An integer string that round-trips through a number, so `set('n', '5')` then `increment` gives 6. */
function asCounter(value: string): number | null {
  return /^-?(0|[1-9]\d{0,14})$/.test(value) ? Number(value) : null;
}

/**
 * The SQL {@link DistributedCache} on `cache_entries`, with expiry in epoch milliseconds (an
 * expired entry reads as absent). `increment` is one atomic upsert: it restarts at 1 with a new
 * expiry when the entry is absent or expired, and otherwise adds 1 and keeps the expiry. Every
 * {@link SWEEP_EVERY} writes, one bounded batch of expired entries is deleted.
 */
export class SqlCache implements DistributedCache {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;
  #writes = 0;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async get(key: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('cache_entries')
      .select(['value', 'counter'])
      .where('key', '=', key)
      .where('expires_at', '>', Date.now())
      .executeTakeFirst();
    if (!row) return undefined;
    return row.value ?? String(row.counter);
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    const row = { key, value, counter: asCounter(value), expires_at: Date.now() + ttlSeconds * 1000 };
    await this.#dialect.upsert(this.#db, 'cache_entries', row, ['key'], {
      value: sql`${row.value}`,
      counter: sql`${row.counter}`,
      expires_at: sql`${row.expires_at}`,
    });
    await this.#sweep();
  }

  async delete(key: string): Promise<void> {
    await this.#db.deleteFrom('cache_entries').where('key', '=', key).execute();
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const now = Date.now();
    const expiresAt = now + ttlSeconds * 1000;
    const stale = sql`${sql.ref('cache_entries.expires_at')} <= ${now}`;
    const n = await this.#dialect.upsertReturning(
      this.#db,
      'cache_entries',
      { key, value: null, counter: 1, expires_at: expiresAt },
      ['key'],
      {
        counter: sql`case when ${stale} then 1 else coalesce(${sql.ref('cache_entries.counter')}, 0) + 1 end`,
        value: sql`null`,
        expires_at: sql`case when ${stale} then ${expiresAt} else ${sql.ref('cache_entries.expires_at')} end`,
      },
      'counter',
    );
    await this.#sweep();
    return n;
  }

  async #sweep(): Promise<void> {
    if (++this.#writes % SWEEP_EVERY !== 0) return;
    await this.#dialect.deleteExpired(this.#db, 'cache_entries', ['key'], Date.now(), SWEEP_BATCH);
  }
}
