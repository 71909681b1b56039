import { type LockBackend, withPolledLock } from '../lock-loop.js';
import type { LockProvider } from '../types.js';
import type { SigilDb, SqlDialect } from './dialect.js';

/**
 * The SQL {@link LockProvider}: one row per held lock with its owner token and expiry (epoch
 * milliseconds of the instance's clock). Taking a lock inserts the row or takes over an expired
 * one in one atomic statement; releasing deletes it only while the caller still owns it.
 */
export class SqlLockProvider implements LockProvider, LockBackend {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  withLock<T>(name: string, ttlSeconds: number, fn: () => Promise<T>, waitMs?: number): Promise<T | undefined> {
    return withPolledLock(this, name, ttlSeconds, fn, waitMs);
  }

  tryAcquire(name: string, owner: string, ttlSeconds: number): Promise<boolean> {
    const now = Date.now();
    const row = { name, owner, expires_at: now + ttlSeconds * 1000 };
    return this.#dialect.claimExpired(this.#db, 'locks', row, ['name'], now);
  }

  async release(name: string, owner: string): Promise<void> {
    await this.#db.deleteFrom('locks').where('name', '=', name).where('owner', '=', owner).execute();
  }
}
