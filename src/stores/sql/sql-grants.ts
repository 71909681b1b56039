import { sql } from 'kysely';
import { assertFilter } from '../lock-loop.js';
import type { ConsumeResult, GrantFilter, GrantStore, PersistedGrant } from '../types.js';
import { CompiledOnce } from './compiled-once.js';
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

/** The hot statements of the grant store, compiled once per store (they differ by engine). */
function grantQueries(db: SigilDb) {
  return {
    insert: new CompiledOnce<keyof GrantRow, unknown>((slot) =>
      db.insertInto('persisted_grants').values({
        key: slot('key'),
        type: slot('type'),
        client_id: slot('client_id'),
        subject_id: slot('subject_id'),
        session_id: slot('session_id'),
        family_id: slot('family_id'),
        created_at: slot('created_at'),
        expires_at: slot('expires_at'),
        consumed_at: slot('consumed_at'),
        data: slot('data'),
      }),
    ),
    get: new CompiledOnce<'key', GrantRow>((slot) =>
      db.selectFrom('persisted_grants').selectAll().where('key', '=', slot('key')),
    ),
    consume: new CompiledOnce<'key' | 'now', unknown>((slot) =>
      db
        .updateTable('persisted_grants')
        .set({ consumed_at: slot('now') })
        .where('key', '=', slot('key'))
        .where('consumed_at', 'is', null),
    ),
    consumeReturning: new CompiledOnce<'key' | 'now', GrantRow>((slot) =>
      db
        .updateTable('persisted_grants')
        .set({ consumed_at: slot('now') })
        .where('key', '=', slot('key'))
        .where('consumed_at', 'is', null)
        .returningAll(),
    ),
    remove: new CompiledOnce<'key', unknown>((slot) =>
      db.deleteFrom('persisted_grants').where('key', '=', slot('key')),
    ),
  };
}

type GrantQueries = ReturnType<typeof grantQueries>;

async function getIn(db: SigilDb, q: GrantQueries, key: string): Promise<PersistedGrant | undefined> {
  const row = (await q.get.execute(db, { key })).rows[0];
  return row && rowToGrant(row);
}

/**
 * Sets `consumed_at` if it is NULL, in one conditional UPDATE: the row lock lets exactly one
 * concurrent caller match. With `UPDATE ... RETURNING` the winner needs one round trip; on MySQL
 * it reads the row after. A loser reads the row to report who consumed it and when.
 */
async function consumeIn(
  db: SigilDb,
  dialect: SqlDialect,
  q: GrantQueries,
  key: string,
  now: number,
): Promise<ConsumeResult> {
  if (dialect.updateReturning) {
    const row = (await q.consumeReturning.execute(db, { key, now })).rows[0];
    if (row) return { status: 'consumed', grant: rowToGrant(row) };
  } else if (((await q.consume.execute(db, { key, now })).numAffectedRows ?? 0n) > 0n) {
    const grant = await getIn(db, q, key);
    // Outside a transaction, a concurrent delete between the two statements would leave no row.
    return grant ? { status: 'consumed', grant } : { status: 'not-found' };
  }
  const grant = await getIn(db, q, key);
  return grant ? { status: 'already-consumed', grant } : { status: 'not-found' };
}

/**
 * The SQL {@link GrantStore}. `store` and `get` are one indexed statement each (they are on the
 * token endpoint's hot path); `consume` is one conditional UPDATE; `rotate` is one transaction.
 * These statements, and `remove`, are compiled once (see {@link CompiledOnce}).
 */
export class SqlGrantStore implements GrantStore {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;
  readonly #q: GrantQueries;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
    this.#q = grantQueries(db);
  }

  async store(grant: PersistedGrant): Promise<void> {
    await this.#q.insert.execute(this.#db, grantToRow(grant));
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

  get(key: string): Promise<PersistedGrant | undefined> {
    return getIn(this.#db, this.#q, key);
  }

  consume(key: string, now: number): Promise<ConsumeResult> {
    if (this.#dialect.updateReturning) return consumeIn(this.#db, this.#dialect, this.#q, key, now);
    // Without RETURNING the winner reads the row back; in one transaction the UPDATE's row lock
    // holds off a concurrent delete (a replay revoking the family) until that read is done.
    return this.#db.transaction().execute((trx) => consumeIn(trx, this.#dialect, this.#q, key, now));
  }

  rotate(oldKey: string, next: PersistedGrant, now: number, graceSince?: number): Promise<ConsumeResult> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await consumeIn(trx, this.#dialect, this.#q, oldKey, now);
      if (result.status === 'not-found') return result;
      const inGrace =
        result.status === 'already-consumed' &&
        graceSince !== undefined &&
        (result.grant.consumedAt ?? 0) >= graceSince;
      if (result.status === 'consumed' || inGrace) {
        await this.#q.insert.execute(trx, grantToRow(next));
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
    const r = await this.#q.remove.execute(this.#db, { key });
    return (r.numAffectedRows ?? 0n) > 0n;
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
