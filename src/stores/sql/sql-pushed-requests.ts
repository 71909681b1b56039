import { sql } from 'kysely';
import type { PushedRequest, PushedRequestStore } from '../types.js';
import type { SigilDb, SqlDialect } from './dialect.js';
import type { PushedRequestRow } from './schema.js';

/** The SQL {@link PushedRequestStore}; `consume` is an atomic delete-returning. */
export class SqlPushedRequestStore implements PushedRequestStore {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async store(request: PushedRequest): Promise<void> {
    await this.#db
      .insertInto('pushed_requests')
      .values({ key: request.key, client_id: request.clientId, expires_at: request.expiresAt, data: request.data })
      .execute();
  }

  async consume(key: string, now: number, clientId?: string): Promise<PushedRequest | undefined> {
    const where =
      clientId === undefined
        ? sql`${sql.ref('key')} = ${key}`
        : sql`${sql.ref('key')} = ${key} and ${sql.ref('client_id')} = ${clientId}`;
    const [row] = await this.#dialect.deleteReturning<PushedRequestRow>(this.#db, 'pushed_requests', 'key', where);
    // An expired request is deleted all the same: it can never be used.
    if (!row || Number(row.expires_at) < now) return undefined;
    return { key: row.key, clientId: row.client_id, expiresAt: Number(row.expires_at), data: row.data };
  }

  removeExpired(now: number, batchSize: number): Promise<number> {
    return this.#dialect.deleteExpired(this.#db, 'pushed_requests', ['key'], now, batchSize);
  }
}
