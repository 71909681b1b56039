import { type RawBuilder, sql } from 'kysely';
import type { SigilDb, SqlDialect, TableName } from './dialect.js';
import {
  affectedRows,
  onConflictClaimExpired,
  onConflictInsertIfAbsent,
  onConflictUpsert,
  onConflictUpsertReturning,
} from './dialect-upsert.js';

/** The advisory lock key that serializes migrations (advisory locks are scoped to one database). */
const MIGRATION_LOCK_KEY = 0x51_61_1c_00;

/**
 * PostgreSQL. Batched deletes pick their rows with `FOR UPDATE SKIP LOCKED`, so many instances
 * sweeping at once split the work instead of queueing behind each other's row locks. DDL is
 * transactional, so a migration runs in one transaction under `pg_advisory_xact_lock`.
 */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  updateReturning: true,
  insertIfAbsent: onConflictInsertIfAbsent,
  upsert: onConflictUpsert,
  upsertReturning: onConflictUpsertReturning,
  claimExpired: onConflictClaimExpired,

  async deleteExpired(db, table, pk, now, limit) {
    const t = sql.table(table);
    const cols = sql.join(pk.map((c) => sql.ref(c)));
    const r = await sql`delete from ${t} where (${cols}) in
      (select ${cols} from ${t} where expires_at < ${now} limit ${limit} for update skip locked)`.execute(db);
    return affectedRows(r);
  },

  async deleteReturning<T>(db: SigilDb, table: TableName, key: string, where: RawBuilder<unknown>, limit?: number) {
    const t = sql.table(table);
    const k = sql.ref(key);
    const q =
      limit === undefined
        ? sql<T>`delete from ${t} where ${where} returning *`
        : sql<T>`delete from ${t} where ${k} in (select ${k} from ${t} where ${where} limit ${limit} for update skip locked) returning *`;
    return (await q.execute(db)).rows;
  },

  async tableExists(db, table) {
    const r = await sql`select 1 from information_schema.tables
      where table_schema = current_schema() and table_name = ${table}`.execute(db);
    return r.rows.length > 0;
  },

  withMigrationLock(db, fn) {
    return db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(trx);
      return fn(trx);
    });
  },
};
