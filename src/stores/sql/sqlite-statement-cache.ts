import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** How many prepared statements one SQLite connection keeps. Sigil's stores issue fewer distinct ones. */
export const SQLITE_STATEMENT_CACHE_SIZE = 256;

/**
 * Wraps a better-sqlite3 database for Kysely's `SqliteDialect` so that each distinct SQL text is
 * prepared once and reused: Kysely's driver calls `prepare` for every query, and parsing and
 * planning the statement again is a large part of a primary-key lookup's cost. When the cache is
 * full the oldest statement is dropped. SQLite re-prepares a cached statement by itself after a
 * schema change. Statements are never shared between two running queries: the driver runs one
 * query at a time on its single connection and reads every result in full (`all`, `run`).
 */
export function cachingStatements(database: SqliteDatabase, size = SQLITE_STATEMENT_CACHE_SIZE): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = database.prepare(sql);
        if (statements.size >= size) statements.delete(statements.keys().next().value as string);
        statements.set(sql, statement);
      }
      return statement;
    },
    close() {
      statements.clear();
      database.close();
    },
  };
}
