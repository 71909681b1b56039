import type { SqlDialectName } from '../dialect.js';
import { quoteIdent } from './ddl.js';
import type { Migration } from './migration.js';

/** The indexes of migration 1 on columns that are NULL for client-only grants, and their columns. */
const NULLABLE_INDEXES = [
  { old: 'ix_persisted_grants_subject_id', columns: ['subject_id', 'client_id', 'type'] },
  { old: 'ix_persisted_grants_session_id', columns: ['session_id'] },
  { old: 'ix_persisted_grants_family_id', columns: ['family_id'] },
] as const;

/**
 * Migration 2: the subject, session and family indexes of `persisted_grants` leave out rows whose
 * first column is NULL. Grants without a user (client_credentials reference tokens) and without a
 * refresh-token family then write and delete no entry in them, which makes issuing and sweeping
 * such grants cheaper. Every query on these columns compares them with `=`, which implies
 * `IS NOT NULL`, so SQLite and PostgreSQL still use the indexes.
 *
 * MySQL and MariaDB have no partial indexes: nothing changes there. On PostgreSQL the indexes are
 * built inside the migration's transaction, which blocks writes to `persisted_grants` meanwhile
 * (a few seconds per million rows).
 */
export const partialGrantIndexes: Migration = {
  version: 2,
  name: 'partial-grant-indexes',
  statements(dialect: SqlDialectName): string[] {
    if (dialect === 'mysql') return [];
    const q = (n: string) => quoteIdent(dialect, n);
    return NULLABLE_INDEXES.flatMap(({ old, columns }) => [
      `CREATE INDEX IF NOT EXISTS ${q(`${old}_nn`)} ON ${q('persisted_grants')} (${columns.map(q).join(', ')}) ` +
        `WHERE ${q(columns[0])} IS NOT NULL`,
      `DROP INDEX IF EXISTS ${q(old)}`,
    ]);
  },
};
