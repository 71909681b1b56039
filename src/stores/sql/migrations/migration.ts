import type { SqlDialectName } from '../dialect.js';

/**
 * One forward-only schema migration. `version`s are consecutive from 1; once released, a
 * migration's statements never change (add a new migration instead).
 */
export interface Migration {
  readonly version: number;
  /** Short kebab-case name, recorded in `sigil_schema_version`. */
  readonly name: string;
  /** The statements for one engine, run in order. */
  statements(dialect: SqlDialectName): string[];
}
