import type { Kysely, RawBuilder } from 'kysely';
import type { SigilDatabase } from './schema.js';

/** The SQL engines Sigil supports. */
export type SqlDialectName = 'sqlite' | 'postgres' | 'mysql';

/** A Kysely handle on Sigil's tables (a database or a transaction). */
export type SigilDb = Kysely<SigilDatabase>;

/** A table of Sigil's schema. */
export type TableName = keyof SigilDatabase;

/** A row to write, keyed by column. */
export type Row = Record<string, unknown>;

/**
 * The statements that differ between engines, one implementation per engine
 * (`dialect-sqlite.ts`, `dialect-postgres.ts`, `dialect-mysql.ts`). Everything else in `sql/`
 * is shared. Each method is a single atomic statement unless it says otherwise.
 */
export interface SqlDialect {
  readonly name: SqlDialectName;
  /** Whether `UPDATE ... RETURNING` works, so a consume takes one round trip. */
  readonly updateReturning: boolean;
  /** Inserts `row` unless it collides with any unique key; true when inserted. */
  insertIfAbsent(db: SigilDb, table: TableName, row: Row): Promise<boolean>;
  /**
   * Inserts `row`, or on a primary-key conflict applies `set` to the existing row. Expressions in
   * `set` see the existing row through unqualified column names.
   */
  upsert(
    db: SigilDb,
    table: TableName,
    row: Row,
    pk: readonly string[],
    set: Record<string, RawBuilder<unknown>>,
  ): Promise<void>;
  /** Inserts `row`, or replaces the existing row only when its `expires_at < now`; true when this call wrote. */
  claimExpired(db: SigilDb, table: TableName, row: Row, pk: readonly string[], now: number): Promise<boolean>;
  /** Deletes up to `limit` rows with `expires_at < now`, skipping rows another deleter holds; returns how many. */
  deleteExpired(db: SigilDb, table: TableName, pk: readonly string[], now: number, limit: number): Promise<number>;
  /**
   * Deletes and returns the rows of `table` whose `where` SQL holds (at most `limit`), atomically:
   * a row is returned by exactly one concurrent caller.
   */
  deleteReturning<T>(
    db: SigilDb,
    table: TableName,
    key: string,
    where: RawBuilder<unknown>,
    limit?: number,
  ): Promise<T[]>;
}
