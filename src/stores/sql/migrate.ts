import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { SigilDb } from './dialect.js';
import { openSqlDatabase, type SqlDatabase, type SqlStoreLogger, type SqlStoreOptions } from './open-database.js';
import { migrationStatements, readSchemaState } from './schema-version.js';

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Return the SQL that would run without running it (and without taking the migration lock). */
  dryRun?: boolean;
  /** Told which versions were applied. */
  logger?: SqlStoreLogger;
}

/** What {@link migrate} applied, or would apply on a dry run. */
export interface MigrateResult {
  /** Versions applied (or pending, on a dry run), ascending; empty when the schema was current. */
  applied: number[];
  /** Every statement run (or that would run), in order, each complete SQL without parameters. */
  statements: string[];
}

async function plan(db: SigilDb, database: Pick<SqlDatabase, 'dialect'>): Promise<MigrateResult> {
  const state = await readSchemaState(db, database.dialect);
  return {
    applied: state.pending.map((m) => m.version),
    statements: migrationStatements(database.dialect, state, Math.floor(Date.now() / 1000)),
  };
}

/** A dry run must not create a missing SQLite file: a fresh in-memory database plans the same SQL. */
function planningTarget(target: SqlStoreOptions, options: MigrateOptions): SqlStoreOptions {
  const missing = target.type === 'sqlite' && target.path && target.path !== ':memory:' && !existsSync(target.path);
  return options.dryRun && missing ? { ...target, path: ':memory:' } : target;
}

/**
 * Applies the pending schema migrations, forward-only, recording each in `sigil_schema_version`.
 * Instances starting at once queue on a database-wide lock (PostgreSQL `pg_advisory_xact_lock`,
 * MySQL `GET_LOCK`, SQLite `BEGIN IMMEDIATE`), so each migration runs exactly once. On
 * PostgreSQL and SQLite all pending migrations commit as one transaction; MySQL commits DDL
 * statement by statement, and every statement may safely run again after a failure part-way.
 *
 * `target` is an open database (left open) or the store options (opened and closed here).
 * Throws a `schema-too-new` `SchemaVersionError` when the database is newer than this release.
 *
 * @example
 * ```ts
 * // sigil migrate --dry-run
 * const { statements } = await migrate({ type: 'postgres', url }, { dryRun: true });
 * for (const s of statements) console.log(`${s};`);
 * ```
 */
export async function migrate(
  target: SqlDatabase | SqlStoreOptions,
  options: MigrateOptions = {},
): Promise<MigrateResult> {
  const owned = !('db' in target);
  const database = 'db' in target ? target : await openSqlDatabase(planningTarget(target, options), options.logger);
  try {
    if (options.dryRun) return await plan(database.db, database);
    return await database.dialect.withMigrationLock(database.db, async (db) => {
      const result = await plan(db, database);
      for (const statement of result.statements) await sql.raw(statement).execute(db);
      if (result.applied.length > 0) {
        options.logger?.info({ applied: result.applied }, 'applied SQL schema migrations');
      }
      return result;
    });
  } finally {
    if (owned) await database.close();
  }
}
