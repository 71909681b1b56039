import type { SqlDialectName } from '../dialect.js';
import { type ColumnSpec, createTableStatements, insertIgnoreStatement, type TableSpec } from './ddl.js';
import type { Migration } from './migration.js';

const key: ColumnSpec = { name: 'key', type: 'varchar(128)' };
const clientId: ColumnSpec = { name: 'client_id', type: 'varchar(200)' };
const data: ColumnSpec = { name: 'data', type: 'text' };
const time = (name: string, nullable = false): ColumnSpec => ({ name, type: 'bigint', nullable });
const ix = (table: string, ...columns: string[]) => ({ name: `ix_${table}_${columns[0]}`, columns });

/** Every table of the first schema, with the indexes its queries use. */
const TABLES: TableSpec[] = [
  {
    name: 'persisted_grants',
    columns: [
      key,
      { name: 'type', type: 'varchar(50)' },
      clientId,
      { name: 'subject_id', type: 'varchar(200)', nullable: true },
      { name: 'session_id', type: 'varchar(128)', nullable: true },
      { name: 'family_id', type: 'varchar(128)', nullable: true },
      time('created_at'),
      time('expires_at', true),
      time('consumed_at', true),
      data,
    ],
    primaryKey: ['key'],
    indexes: [
      ix('persisted_grants', 'expires_at'),
      // Serves subject-only lookups and the consent lookup (subject, client, type).
      ix('persisted_grants', 'subject_id', 'client_id', 'type'),
      ix('persisted_grants', 'session_id'),
      ix('persisted_grants', 'family_id'),
      ix('persisted_grants', 'client_id'),
    ],
  },
  {
    name: 'replay_entries',
    columns: [{ name: 'purpose', type: 'varchar(64)' }, { name: 'id', type: 'varchar(64)' }, time('expires_at')],
    primaryKey: ['purpose', 'id'],
    indexes: [ix('replay_entries', 'expires_at')],
  },
  {
    name: 'signing_keys',
    columns: [
      { name: 'id', type: 'varchar(128)' },
      { name: 'alg', type: 'varchar(32)' },
      time('created_at'),
      data,
      { name: 'data_protected', type: 'int' },
    ],
    primaryKey: ['id'],
  },
  {
    name: 'protection_keys',
    columns: [
      { name: 'id', type: 'varchar(128)' },
      { name: 'application_name', type: 'varchar(200)' },
      time('created_at'),
      time('activates_at'),
      time('expires_at'),
      data,
    ],
    primaryKey: ['id'],
    indexes: [ix('protection_keys', 'application_name')],
  },
  {
    name: 'server_side_sessions',
    columns: [
      key,
      { name: 'subject_id', type: 'varchar(200)' },
      { name: 'session_id', type: 'varchar(128)' },
      { name: 'display_name', type: 'varchar(255)', nullable: true },
      time('created_at'),
      time('renewed_at'),
      time('expires_at', true),
      data,
    ],
    primaryKey: ['key'],
    indexes: [
      ix('server_side_sessions', 'subject_id'),
      ix('server_side_sessions', 'session_id'),
      ix('server_side_sessions', 'expires_at'),
    ],
  },
  {
    name: 'pushed_requests',
    columns: [key, clientId, time('expires_at'), data],
    primaryKey: ['key'],
    indexes: [ix('pushed_requests', 'expires_at')],
  },
  {
    name: 'device_codes',
    columns: [
      key,
      { name: 'user_code', type: 'varchar(64)' },
      clientId,
      { name: 'subject_id', type: 'varchar(200)', nullable: true },
      time('created_at'),
      time('expires_at'),
      { name: 'status', type: 'varchar(16)' },
      time('last_polled_at', true),
      data,
    ],
    primaryKey: ['key'],
    indexes: [{ ...ix('device_codes', 'user_code'), unique: true }, ix('device_codes', 'expires_at')],
  },
  {
    name: 'users',
    columns: [
      { name: 'subject_id', type: 'varchar(200)' },
      { name: 'username', type: 'varchar(255)' },
      { name: 'normalized_username', type: 'varchar(255)' },
      { name: 'password_hash', type: 'varchar(255)' },
      { name: 'claims', type: 'text' },
      time('created_at'),
    ],
    primaryKey: ['subject_id'],
    indexes: [{ ...ix('users', 'normalized_username'), unique: true }],
  },
  {
    name: 'login_failures',
    columns: [{ name: 'subject_id', type: 'varchar(200)' }, { name: 'failures', type: 'int' }, time('window_start')],
    primaryKey: ['subject_id'],
  },
  {
    name: 'configuration_items',
    columns: [
      { name: 'kind', type: 'varchar(32)' },
      { name: 'name', type: 'varchar(200)' },
      { name: 'value', type: 'text' },
      time('updated_at'),
    ],
    primaryKey: ['kind', 'name'],
  },
  {
    name: 'locks',
    columns: [{ name: 'name', type: 'varchar(200)' }, { name: 'owner', type: 'varchar(64)' }, time('expires_at')],
    primaryKey: ['name'],
  },
  {
    name: 'cache_entries',
    columns: [
      { name: 'key', type: 'varchar(255)' },
      { name: 'value', type: 'text', nullable: true },
      { name: 'counter', type: 'bigint', nullable: true },
      time('expires_at'),
    ],
    primaryKey: ['key'],
    indexes: [ix('cache_entries', 'expires_at')],
  },
];

/** Migration 1: every table Sigil's stores use. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  statements(dialect: SqlDialectName): string[] {
    return [
      ...TABLES.flatMap((t) => createTableStatements(dialect, t)),
      insertIgnoreStatement(dialect, 'configuration_items', {
        kind: 'meta',
        name: 'version',
        value: '0',
        updated_at: 0,
      }),
    ];
  },
};
