import type { Kysely, RawBuilder } from 'kysely';
import type { SigilDatabase } from './schema.js';

/** The SQL engines Sigil supports. */
export type SqlDialectName = 'sqlite' | 'postgres' | 'mysql';

/** A Kysely handle on Sigil's tables (a database, a transaction or one pinned connection). */
export type SigilDb = Kysely<SigilDatabase>;

/** A table of Sigil's schema. */
export type TableName = keyof SigilDatabase;

/** A row to write, keyed by column. */
export type Row = Record<string, unknown>;

/**
 * The statements that differ between engines, one implementation per engine
 * (`dialect-sqlite.ts`, `dialect-postgres.ts`, `dialect-mysql.ts`). Everything else in `sql/`
 * is shared. Each method is a single atomic statement unless it says otherwise.
 *
 * Expressions passed in `set` must name the existing row's columns qualified with the table
 * (`sql.ref('cache_entries.counter')`), because PostgreSQL finds unqualified names ambiguous
 * inside `ON CONFLICT DO UPDATE`.
 */
export interface SqlDialect {
  readonly name: SqlDialectName;
  /** Whether `UPDATE ... RETURNING` works, so a consume takes one round trip. */
  readonly updateReturning: boolean;
  /** Inserts `row` unless it collides with any unique key; true when inserted. */
  insertIfAbsent(db: SigilDb, table: TableName, row: Row): Promise<boolean>;
  /** Inserts `row`, or on a primary-key conflict applies `set` to the existing row. */
  upsert(
    db: SigilDb,
    table: TableName,
    row: Row,
    pk: readonly string[],
    set: Record<string, RawBuilder<unknown>>,
  ): Promise<void>;
  /**
   * Like {@link SqlDialect.upsert}, and returns the integer `column` holds afterwards. `column`
   * must be the first key of `set`, and no other expression of `set` may read it: MySQL applies
   * the assignments left to right, so later ones see earlier ones.
   */
  upsertReturning(
    db: SigilDb,
    table: TableName,
    row: Row,
    pk: readonly string[],
    set: Record<string, RawBuilder<unknown>>,
    column: string,
  ): Promise<number>;
  /** Inserts `row`, or replaces the existing row only when its `expires_at < now`; true when this call wrote. */
  claimExpired(db: SigilDb, table: TableName, row: Row, pk: readonly string[], now: number): Promise<boolean>;
  /** Deletes up to `limit` rows with `expires_at < now`, skipping rows another deleter holds; returns how many. */
  deleteExpired(db: SigilDb, table: TableName, pk: readonly string[], now: number, limit: number): Promise<number>;
  /**
   * Deletes and returns the rows of `table` whose `where` SQL holds (at most `limit`), atomically:
   * a row is returned by exactly one concurrent caller. `key` is the table's one-column primary key.
   */
  deleteReturning<T>(
    db: SigilDb,
    table: TableName,
    key: string,
    where: RawBuilder<unknown>,
    limit?: number,
  ): Promise<T[]>;
  /** Whether `table` exists in the current database (or schema). */
  tableExists(db: SigilDb, table: string): Promise<boolean>;
  /**
   * Runs `fn` while holding the database-wide migration lock, on one connection (and, where DDL
   * is transactional, in one transaction that commits when `fn` resolves). Instances starting at
   * once queue here, so each migration runs exactly once.
   */
  withMigrationLock<T>(db: SigilDb, fn: (db: SigilDb) => Promise<T>): Promise<T>;
}
