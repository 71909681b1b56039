import { type RawBuilder, sql } from 'kysely';
import type { Row, SigilDb, SqlDialect, TableName } from './dialect.js';
import { affectedRows, insertHead } from './dialect-upsert.js';

/**
 * MySQL 8 and MariaDB ≥ 10.6. There is no `RETURNING` on MySQL, so deletes that return rows
 * lock them with `SELECT ... FOR UPDATE` inside a transaction first. `ON DUPLICATE KEY UPDATE`
 * reports 1 affected row for an insert, 2 for an update and 0 when nothing changed, which is
 * what the conditional take-over relies on.
 */
export const mysqlDialect: SqlDialect = {
  name: 'mysql',
  updateReturning: false,

  async insertIfAbsent(db: SigilDb, table: TableName, row: Row) {
    const first = sql.ref(Object.keys(row)[0]!);
    return (
      affectedRows(await sql`${insertHead(table, row)} on duplicate key update ${first} = ${first}`.execute(db)) > 0
    );
  },

  async upsert(db, table, row, _pk, set) {
    const sets = Object.entries(set).map(([c, e]) => sql`${sql.ref(c)} = ${e}`);
    await sql`${insertHead(table, row)} on duplicate key update ${sql.join(sets)}`.execute(db);
  },

  async claimExpired(db, table, row, pk, now) {
    // Assignments run left to right and see earlier ones, so expires_at must be updated last.
    const cols = Object.keys(row).filter((c) => !pk.includes(c) && c !== 'expires_at');
    const sets = [...cols, 'expires_at'].map((c) => {
      const ref = sql.ref(c);
      return sql`${ref} = if(expires_at < ${now}, ${row[c]}, ${ref})`;
    });
    return affectedRows(await sql`${insertHead(table, row)} on duplicate key update ${sql.join(sets)}`.execute(db)) > 0;
  },

  async deleteExpired(db, table, _pk, now, limit) {
    return affectedRows(
      await sql`delete from ${sql.table(table)} where expires_at < ${now} limit ${limit}`.execute(db),
    );
  },

  async deleteReturning<T>(db: SigilDb, table: TableName, key: string, where: RawBuilder<unknown>, limit?: number) {
    const t = sql.table(table);
    const k = sql.ref(key);
    return db.transaction().execute(async (trx) => {
      const select =
        limit === undefined
          ? sql<T>`select * from ${t} where ${where} for update`
          : sql<T>`select * from ${t} where ${where} limit ${limit} for update skip locked`;
      const rows = (await select.execute(trx)).rows;
      if (rows.length === 0) return rows;
      const keys = rows.map((r) => (r as Record<string, unknown>)[key]);
      await sql`delete from ${t} where ${k} in (${sql.join(keys)})`.execute(trx);
      return rows;
    });
  },
};
