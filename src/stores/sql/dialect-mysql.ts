import { type RawBuilder, sql } from 'kysely';
import type { Row, SigilDb, SqlDialect, TableName } from './dialect.js';
import { affectedRows, assignments, insertHead } from './dialect-upsert.js';

/** How long start-up waits for another instance's migration before giving up, in seconds. */
const MIGRATION_WAIT_SECONDS = 60;

function isDuplicateKey(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { errno?: unknown }).errno === 1062;
}

/** Plain insert; false instead of an error when a unique key already holds the value. */
async function insertIfAbsent(db: SigilDb, table: TableName, row: Row): Promise<boolean> {
  try {
    await insertHead(table, row).execute(db);
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/**
 * MySQL 8 and MariaDB ≥ 10.6. The pool keeps mysql2's default `FOUND_ROWS` flag, so an UPDATE
 * reports the rows it matched, not only those it changed; the statements below rely on it.
 * There is no `UPDATE ... RETURNING`, so upserts report a counter through `LAST_INSERT_ID(expr)`,
 * and deletes that return rows lock them by primary key with `SELECT ... FOR UPDATE` in a transaction first.
 * DDL commits implicitly, so migrations are serialized with `GET_LOCK` instead of a transaction.
 */
export const mysqlDialect: SqlDialect = {
  name: 'mysql',
  updateReturning: false,
  insertIfAbsent,

  async upsert(db, table, row, _pk, set) {
    await sql`${insertHead(table, row)} on duplicate key update ${assignments(set)}`.execute(db);
  },

  async upsertReturning(db, table, row, _pk, set, column) {
    const [first, ...rest] = Object.entries(set);
    if (first?.[0] !== column) throw new Error(`upsertReturning: "${column}" must be the first assignment`);
    const sets = [
      sql`${sql.ref(column)} = last_insert_id(${first[1]})`,
      ...rest.map(([c, e]) => sql`${sql.ref(c)} = ${e}`),
    ];
    const r = await sql`${insertHead(table, row)} on duplicate key update ${sql.join(sets)}`.execute(db);
    // An insert leaves the OK packet's insert id at 0, which Kysely reports as undefined.
    return r.insertId === undefined ? Number(row[column]) : Number(r.insertId);
  },

  async claimExpired(db, table, row, pk, now) {
    if (await insertIfAbsent(db, table, row)) return true;
    // The row exists: take it over only if it expired. Row locking lets exactly one caller match.
    const sets = Object.keys(row)
      .filter((c) => !pk.includes(c))
      .map((c) => sql`${sql.ref(c)} = ${row[c]}`);
    const keys = pk.map((c) => sql`${sql.ref(c)} = ${row[c]}`);
    const r = await sql`update ${sql.table(table)} set ${sql.join(sets)}
      where ${sql.join(keys, sql` and `)} and expires_at < ${now}`.execute(db);
    return affectedRows(r) > 0;
  },

  async deleteExpired(db, table, _pk, now, limit) {
    return affectedRows(
      await sql`delete from ${sql.table(table)} where expires_at < ${now} limit ${limit}`.execute(db),
    );
  },

  async deleteReturning<T>(db: SigilDb, table: TableName, key: string, where: RawBuilder<unknown>, limit?: number) {
    const t = sql.table(table);
    const k = sql.ref(key);
    // Pick candidates without locking, then lock them by primary key: a range scan with
    // FOR UPDATE takes next-key locks under REPEATABLE READ, and concurrent sweepers deadlock.
    const bounded = limit === undefined ? sql`` : sql` limit ${limit}`;
    const picked = await sql<Record<string, unknown>>`select ${k} from ${t} where ${where}${bounded}`.execute(db);
    if (picked.rows.length === 0) return [];
    const keys = sql.join(picked.rows.map((r) => r[key]));
    // With a limit, rows another sweeper holds are skipped; without one, the caller waits for them.
    const skip = limit === undefined ? sql`` : sql` skip locked`;
    return db.transaction().execute(async (trx) => {
      const rows = (
        await sql<T>`select * from ${t} where ${k} in (${keys}) and ${where} for update${skip}`.execute(trx)
      ).rows;
      if (rows.length === 0) return rows;
      const locked = rows.map((r) => (r as Record<string, unknown>)[key]);
      await sql`delete from ${t} where ${k} in (${sql.join(locked)})`.execute(trx);
      return rows;
    });
  },

  async tableExists(db, table) {
    const r = await sql`select 1 from information_schema.tables
      where table_schema = database() and table_name = ${table}`.execute(db);
    return r.rows.length > 0;
  },

  withMigrationLock(db, fn) {
    return db.connection().execute(async (conn) => {
      // GET_LOCK names are server-wide, so the database name keeps two Sigil databases apart.
      const name = sql`left(concat('sigil_migrate:', database()), 64)`;
      const got = await sql<{ ok: number | null }>`select get_lock(${name}, ${MIGRATION_WAIT_SECONDS}) as ok`.execute(
        conn,
      );
      if (Number(got.rows[0]?.ok) !== 1) {
        throw new Error(`timed out after ${MIGRATION_WAIT_SECONDS}s waiting for another instance's migration lock`);
      }
      try {
        return await fn(conn);
      } finally {
        // The server also releases the lock when the session ends, so a failed release is harmless.
        await sql`select release_lock(${name})`.execute(conn).catch(() => undefined);
      }
    });
  },
};
