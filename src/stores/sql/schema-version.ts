import type { SigilDb, SqlDialect } from './dialect.js';
import { createTableStatements, quoteIdent, quoteLiteral, type TableSpec } from './migrations/ddl.js';
import { KNOWN_SCHEMA_VERSION, MIGRATIONS } from './migrations/known-migrations.js';
import type { Migration } from './migrations/migration.js';
import { SchemaVersionError } from './schema-version-error.js';

/** `sigil_schema_version`: one row per applied migration. Created before the first migration runs. */
const VERSION_TABLE: TableSpec = {
  name: 'sigil_schema_version',
  columns: [
    { name: 'version', type: 'int' },
    { name: 'name', type: 'varchar(200)' },
    { name: 'applied_at', type: 'bigint' },
  ],
  primaryKey: ['version'],
};

/** Where a database stands: the versions it has applied and the migrations it still needs. */
export interface SchemaState {
  /** Whether `sigil_schema_version` exists (false on a fresh database). */
  versionTableExists: boolean;
  /** Applied versions, ascending. */
  applied: number[];
  /** Known migrations not applied yet, in order. */
  pending: Migration[];
}

/**
 * Reads which migrations `db` has applied. Throws a `schema-too-new` {@link SchemaVersionError}
 * when the database has a version this release does not know.
 */
export async function readSchemaState(db: SigilDb, dialect: SqlDialect): Promise<SchemaState> {
  const versionTableExists = await dialect.tableExists(db, VERSION_TABLE.name);
  const applied = versionTableExists
    ? (await db.selectFrom('sigil_schema_version').select('version').orderBy('version').execute()).map((r) =>
        Number(r.version),
      )
    : [];
  const found = applied.length === 0 ? 0 : applied[applied.length - 1]!;
  if (found > KNOWN_SCHEMA_VERSION) throw new SchemaVersionError('schema-too-new', found, KNOWN_SCHEMA_VERSION);
  const done = new Set(applied);
  return { versionTableExists, applied, pending: MIGRATIONS.filter((m) => !done.has(m.version)) };
}

/** Throws a `migrations-pending` {@link SchemaVersionError} unless every known migration is applied. */
export async function assertSchemaCurrent(db: SigilDb, dialect: SqlDialect): Promise<void> {
  const state = await readSchemaState(db, dialect);
  if (state.pending.length === 0) return;
  const found = state.applied.length === 0 ? 0 : state.applied[state.applied.length - 1]!;
  throw new SchemaVersionError(
    'migrations-pending',
    found,
    KNOWN_SCHEMA_VERSION,
    state.pending.map((m) => m.version),
  );
}

/**
 * The statements that bring a database in `state` up to date, in order: the version table when
 * it is missing, then each pending migration followed by the row that records it.
 */
export function migrationStatements(dialect: SqlDialect, state: SchemaState, appliedAt: number): string[] {
  const q = (n: string) => quoteIdent(dialect.name, n);
  const out = state.versionTableExists ? [] : createTableStatements(dialect.name, VERSION_TABLE);
  for (const m of state.pending) {
    out.push(
      ...m.statements(dialect.name),
      `INSERT INTO ${q(VERSION_TABLE.name)} (${q('version')}, ${q('name')}, ${q('applied_at')}) ` +
        `VALUES (${m.version}, ${quoteLiteral(m.name)}, ${appliedAt})`,
    );
  }
  return out;
}
