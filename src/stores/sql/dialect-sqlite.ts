import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { SigilDb, SqlDialect } from './dialect.js';
import {
  affectedRows,
  onConflictClaimExpired,
  onConflictInsertIfAbsent,
  onConflictUpsert,
  onConflictUpsertReturning,
} from './dialect-upsert.js';

/** `busy_timeout` of every Sigil SQLite connection, in milliseconds. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** How long start-up waits for another connection's migration before giving up, in milliseconds. */
const MIGRATION_WAIT_MS = 60_000;

function isBusy(e: unknown): boolean {
  return typeof e === 'object' && e !== null && String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY');
}

/**
 * Takes the write lock with `BEGIN IMMEDIATE`. better-sqlite3 waits for a busy database by
 * blocking the thread, which would deadlock two connections of one process, so this polls with
 * `busy_timeout = 0` and sleeps asynchronously in between.
 */
async function beginImmediate(conn: SigilDb): Promise<void> {
  const deadline = Date.now() + MIGRATION_WAIT_MS;
  await sql`pragma busy_timeout = 0`.execute(conn);
  try {
    for (;;) {
      try {
        await sql`begin immediate`.execute(conn);
        return;
      } catch (e) {
        if (!isBusy(e) || Date.now() >= deadline) throw e;
        await sleep(20);
      }
    }
  } finally {
    await sql`pragma busy_timeout = ${sql.lit(SQLITE_BUSY_TIMEOUT_MS)}`.execute(conn);
  }
}

/**
 * SQLite (≥ 3.35 for RETURNING). One connection serves the process, so statements never
 * interleave inside it; across processes WAL and `busy_timeout` serialize writers, and each
 * atomic operation is one statement. Migrations run in one `BEGIN IMMEDIATE` transaction.
 */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  updateReturning: true,
  insertIfAbsent: onConflictInsertIfAbsent,
  upsert: onConflictUpsert,
  upsertReturning: onConflictUpsertReturning,
  claimExpired: onConflictClaimExpired,

  async deleteExpired(db, table, _pk, now, limit) {
    const t = sql.table(table);
    const r =
      await sql`delete from ${t} where rowid in (select rowid from ${t} where expires_at < ${now} limit ${limit})`.execute(
        db,
      );
    return affectedRows(r);
  },

  async deleteReturning<T>(
    db: Parameters<SqlDialect['deleteReturning']>[0],
    table: Parameters<SqlDialect['deleteReturning']>[1],
    _key: string,
    where: Parameters<SqlDialect['deleteReturning']>[3],
    limit?: number,
  ) {
    const t = sql.table(table);
    const q =
      limit === undefined
        ? sql<T>`delete from ${t} where ${where} returning *`
        : sql<T>`delete from ${t} where rowid in (select rowid from ${t} where ${where} limit ${limit}) returning *`;
    return (await q.execute(db)).rows;
  },

  async tableExists(db, table) {
    const r = await sql`select 1 from sqlite_master where type = 'table' and name = ${table}`.execute(db);
    return r.rows.length > 0;
  },

  withMigrationLock(db, fn) {
    return db.connection().execute(async (conn) => {
      await beginImmediate(conn);
      try {
        const result = await fn(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (e) {
        await sql`rollback`.execute(conn).catch(() => undefined);
        throw e;
      }
    });
  },
};
