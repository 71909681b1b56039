import { sql } from 'kysely';
import { assertFilter } from '../lock-loop.js';
import type { ConsumeResult, GrantFilter, GrantStore, PersistedGrant } from '../types.js';
import type { Row, SigilDb, SqlDialect } from './dialect.js';
import { grantToRow, rowToGrant } from './grant-rows.js';
import type { GrantRow } from './schema.js';
import { whereEquals } from './sql-where.js';

function filterWhere(f: GrantFilter) {
  assertFilter(f, 'grant');
  return whereEquals({
    subject_id: f.subjectId,
    session_id: f.sessionId,
    client_id: f.clientId,
    family_id: f.familyId,
    type: f.type,
  });
}

/**
 * Sets `consumed_at` if it is NULL, in one conditional UPDATE: the row lock lets exactly one
 * concurrent caller match. With `UPDATE ... RETURNING` the winner needs one round trip; on MySQL
 * it reads the row after. A loser reads the row to report who consumed it and when.
 */
async function consumeIn(db: SigilDb, dialect: SqlDialect, key: string, now: number): Promise<ConsumeResult> {
  const update = db
    .updateTable('persisted_grants')
    .set({ consumed_at: now })
    .where('key', '=', key)
    .where('consumed_at', 'is', null);
  if (dialect.updateReturning) {
    const row = await update.returningAll().executeTakeFirst();
    if (row) return { status: 'consumed', grant: rowToGrant(row) };
  } else if ((await update.executeTakeFirst()).numUpdatedRows > 0n) {
    const row = await db.selectFrom('persisted_grants').selectAll().where('key', '=', key).executeTakeFirst();
    // Outside a transaction, a concurrent delete between the two statements would leave no row.
    return row ? { status: 'consumed', grant: rowToGrant(row) } : { status: 'not-found' };
  }
  const row = await db.selectFrom('persisted_grants').selectAll().where('key', '=', key).executeTakeFirst();
  return row ? { status: 'already-consumed', grant: rowToGrant(row) } : { status: 'not-found' };
}

/**
 * The SQL {@link GrantStore}. `store` and `get` are one indexed statement each (they are on the
 * token endpoint's hot path); `consume` is one conditional UPDATE; `rotate` is one transaction.
 */
export class SqlGrantStore implements GrantStore {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async store(grant: PersistedGrant): Promise<void> {
    await this.#db.insertInto('persisted_grants').values(grantToRow(grant)).execute();
  }

  async upsert(grant: PersistedGrant): Promise<void> {
    const row: Row = { ...grantToRow(grant) };
    const set = Object.fromEntries(
      Object.entries(row)
        .filter(([c]) => c !== 'key')
        .map(([c, v]) => [c, sql`${v}`]),
    );
    await this.#dialect.upsert(this.#db, 'persisted_grants', row, ['key'], set);
  }

  async get(key: string): Promise<PersistedGrant | undefined> {
    const row = await this.#db.selectFrom('persisted_grants').selectAll().where('key', '=', key).executeTakeFirst();
    return row && rowToGrant(row);
  }

  consume(key: string, now: number): Promise<ConsumeResult> {
    if (this.#dialect.updateReturning) return consumeIn(this.#db, this.#dialect, key, now);
    // Without RETURNING the winner reads the row back; in one transaction the UPDATE's row lock
    // holds off a concurrent delete (a replay revoking the family) until that read is done.
    return this.#db.transaction().execute((trx) => consumeIn(trx, this.#dialect, key, now));
  }

  rotate(oldKey: string, next: PersistedGrant, now: number, graceSince?: number): Promise<ConsumeResult> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await consumeIn(trx, this.#dialect, oldKey, now);
      if (result.status === 'not-found') return result;
      const inGrace =
        result.status === 'already-consumed' &&
        graceSince !== undefined &&
        (result.grant.consumedAt ?? 0) >= graceSince;
      if (result.status === 'consumed' || inGrace) {
        await trx.insertInto('persisted_grants').values(grantToRow(next)).execute();
      }
      return result;
    });
  }

  async update(key: string, changes: { data?: string; expiresAt?: number }): Promise<boolean> {
    const set: Partial<GrantRow> = {};
    if (changes.data !== undefined) set.data = changes.data;
    if (changes.expiresAt !== undefined) set.expires_at = changes.expiresAt;
    if (Object.keys(set).length === 0) return (await this.get(key)) !== undefined;
    const r = await this.#db.updateTable('persisted_grants').set(set).where('key', '=', key).executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  async remove(key: string): Promise<boolean> {
    const r = await this.#db.deleteFrom('persisted_grants').where('key', '=', key).executeTakeFirst();
    return r.numDeletedRows > 0n;
  }

  async removeAll(filter: GrantFilter): Promise<number> {
    const r = await sql`delete from ${sql.table('persisted_grants')} where ${filterWhere(filter)}`.execute(this.#db);
    return Number(r.numAffectedRows ?? 0n);
  }

  async list(filter: GrantFilter): Promise<PersistedGrant[]> {
    const r = await sql<GrantRow>`select * from ${sql.table('persisted_grants')} where ${filterWhere(filter)}`.execute(
      this.#db,
    );
    return r.rows.map(rowToGrant);
  }

  removeExpired(now: number, batchSize: number): Promise<number> {
    return this.#dialect.deleteExpired(this.#db, 'persisted_grants', ['key'], now, batchSize);
  }
}
