import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Dialect, Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import type { SigilDb, SqlDialect, SqlDialectName } from './dialect.js';
import { mysqlDialect } from './dialect-mysql.js';
import { postgresDialect } from './dialect-postgres.js';
import { SQLITE_BUSY_TIMEOUT_MS, sqliteDialect } from './dialect-sqlite.js';
import { cachingStatements } from './sqlite-statement-cache.js';

/** A pino-like logger; every method takes a context object, then a message. */
export interface SqlStoreLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Which database to open (the SQL part of the server's `store` option). */
export interface SqlStoreOptions {
  type: SqlDialectName;
  /** Connection URL: `postgres://user:pass@host:5432/db` or `mysql://user:pass@host:3306/db`. */
  url?: string;
  /** SQLite file; parent directories are created. `:memory:` gives a private in-memory database. */
  path?: string;
  /** Connection pool size for PostgreSQL and MySQL. Default 10. */
  poolSize?: number;
  /** Apply pending migrations at start-up (default true); when false, refuse to start if any are pending. */
  migrate?: boolean;
}

/** An open database: the Kysely handle, its engine's statements, and how to close it. */
export interface SqlDatabase {
  readonly kind: SqlDialectName;
  readonly db: SigilDb;
  readonly dialect: SqlDialect;
  /** Closes every connection. */
  close(): Promise<void>;
}

/** PostgreSQL's `int8` type oid. */
const INT8_OID = 20;

async function sqlite(path: string | undefined): Promise<Dialect> {
  if (!path) throw new Error('"store.path" is required for a sqlite store');
  const { default: Database } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const database = new Database(path, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  return new SqliteDialect({ database: cachingStatements(database) });
}

async function postgres(url: string | undefined, poolSize: number, logger?: SqlStoreLogger): Promise<Dialect> {
  if (!url) throw new Error('"store.url" is required for a postgres store');
  const { default: pg } = await import('pg');
  // Times are BIGINT epoch seconds, which fit a double: parse int8 as a number for this pool only.
  const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: { getTypeParser } });
  pool.on('error', (err) => logger?.error({ err }, 'idle PostgreSQL connection failed'));
  return new PostgresDialect({ pool });
}

async function mysql(url: string | undefined, poolSize: number): Promise<Dialect> {
  if (!url) throw new Error('"store.url" is required for a mysql store');
  const { createPool } = await import('mysql2');
  // BIGINT values come back as numbers while they are safe integers (times and counters are).
  const pool = createPool({ uri: url, connectionLimit: poolSize, supportBigNumbers: true, bigNumberStrings: false });
  return new MysqlDialect({ pool });
}

/**
 * Opens a connection (SQLite) or a pool (PostgreSQL, MySQL/MariaDB) for `options.type`. Nothing
 * is queried yet: schema checks and migrations are `migrate`'s and `createSqlStores`' job.
 *
 * @example
 * ```ts
 * const database = await openSqlDatabase({ type: 'sqlite', path: './data/sigil.db' });
 * await database.close();
 * ```
 */
export async function openSqlDatabase(options: SqlStoreOptions, logger?: SqlStoreLogger): Promise<SqlDatabase> {
  const poolSize = options.poolSize ?? 10;
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error('"store.poolSize" must be a positive integer');
  const engines = {
    sqlite: () => sqlite(options.path),
    postgres: () => postgres(options.url, poolSize, logger),
    mysql: () => mysql(options.url, poolSize),
  } as const;
  const open = engines[options.type];
  if (!open) throw new Error(`"store.type" must be sqlite, postgres or mysql, not "${String(options.type)}"`);
  const db: SigilDb = new Kysely({ dialect: await open() });
  const dialects = { sqlite: sqliteDialect, postgres: postgresDialect, mysql: mysqlDialect } as const;
  return { kind: options.type, db, dialect: dialects[options.type], close: () => db.destroy() };
}
