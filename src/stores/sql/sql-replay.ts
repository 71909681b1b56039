import { createHash } from 'node:crypto';
import type { ReplayCache } from '../types.js';
import type { SigilDb, SqlDialect } from './dialect.js';

/**
 * The SQL {@link ReplayCache}. The row holds the SHA-256 of the `jti`, never the value itself:
 * ids of any length fit one indexed column, and a client-chosen string is not stored. `add` is
 * one atomic statement that inserts, or takes over an expired entry (MySQL: an insert, then a
 * conditional update).
 */
export class SqlReplayCache implements ReplayCache {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  add(purpose: string, id: string, expiresAt: number): Promise<boolean> {
    const row = { purpose, id: createHash('sha256').update(id).digest('base64url'), expires_at: expiresAt };
    const now = Math.floor(Date.now() / 1000);
    return this.#dialect.claimExpired(this.#db, 'replay_entries', row, ['purpose', 'id'], now);
  }

  removeExpired(now: number, batchSize: number): Promise<number> {
    return this.#dialect.deleteExpired(this.#db, 'replay_entries', ['purpose', 'id'], now, batchSize);
  }
}
