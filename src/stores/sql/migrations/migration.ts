import type { SqlDialectName } from '../dialect.js';

/**
 * One forward-only schema migration. `version`s are consecutive from 1; once released, a
 * migration's statements never change (add a new migration instead). PostgreSQL and SQLite run
 * a migration inside one transaction; MySQL commits each DDL statement on its own, so every
 * statement must be safe to run again (`IF NOT EXISTS`, `INSERT IGNORE`): a failure part-way
 * leaves the earlier statements applied and the version unrecorded, and the next start retries.
 */
export interface Migration {
  readonly version: number;
  /** Short kebab-case name, recorded in `sigil_schema_version`. */
  readonly name: string;
  /** The statements for one engine, run in order. */
  statements(dialect: SqlDialectName): string[];
}
