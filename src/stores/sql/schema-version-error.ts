/** Why the SQL stores refused to start. */
export type SchemaVersionErrorCode =
  /** The database was migrated by a newer Sigil release than this one. */
  | 'schema-too-new'
  /** Migrations are pending and `store.migrate` is false. */
  | 'migrations-pending';

/**
 * Thrown by `createSqlStores` and `migrate` when the database schema does not match this
 * release. The message says the version found, the version this release knows, and what the
 * operator should do; `code` lets callers `switch` on the reason.
 *
 * @example
 * ```ts
 * try {
 *   await createSqlStores({ type: 'postgres', url, migrate: false });
 * } catch (e) {
 *   if (e instanceof SchemaVersionError && e.code === 'migrations-pending') console.error(e.message);
 *   throw e;
 * }
 * ```
 */
export class SchemaVersionError extends Error {
  /** Stable machine-readable reason. */
  readonly code: SchemaVersionErrorCode;
  /** The highest migration version recorded in the database (0 when none). */
  readonly found: number;
  /** The highest migration version this release knows. */
  readonly known: number;
  /** Versions this release would apply (empty for `schema-too-new`). */
  readonly pending: readonly number[];

  constructor(code: SchemaVersionErrorCode, found: number, known: number, pending: readonly number[] = []) {
    super(
      code === 'schema-too-new'
        ? `The database schema is at version ${found}, but this Sigil release only knows versions up to ${known}. ` +
            'A newer Sigil release has migrated this database: upgrade Sigil on this instance to that release or later ' +
            '(schema migrations are forward-only; do not run an older release against a migrated database).'
        : `The database schema is at version ${found}, but this Sigil release needs version ${known} ` +
            `(pending migrations: ${pending.join(', ')}). Run \`sigil migrate\` (add --dry-run to print the SQL first), ` +
            'or set store.migrate to true to migrate at start-up.',
    );
    this.name = 'SchemaVersionError';
    this.code = code;
    this.found = found;
    this.known = known;
    this.pending = pending;
  }
}
