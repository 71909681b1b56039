import { sql } from 'kysely';
import type { SqlDialect } from './dialect.js';
import { affectedRows, onConflictClaimExpired, onConflictInsertIfAbsent, onConflictUpsert } from './dialect-upsert.js';

/**
 * SQLite (≥ 3.35 for RETURNING). One connection serves the process, so statements never
 * interleave inside it; across processes WAL and `busy_timeout` serialize writers, and each
 * atomic operation is one statement.
 */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  updateReturning: true,
  insertIfAbsent: onConflictInsertIfAbsent,
  upsert: onConflictUpsert,
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
};
