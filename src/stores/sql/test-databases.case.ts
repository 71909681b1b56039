import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Stores } from '../types.js';
import { createSqlStores } from './create-sql-stores.js';
import type { SqlDialectName } from './dialect.js';
import type { SqlStoreOptions } from './open-database.js';

/** The server the PostgreSQL tests create their databases on (a superuser connection). */
const POSTGRES_URL = process.env.SIGIL_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** The server the MySQL/MariaDB tests create their databases on (a user allowed to create databases). */
const MYSQL_URL = process.env.SIGIL_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';

/** An empty database that belongs to one test, and how to get rid of it. */
export interface ThrowawayDatabase {
  options: SqlStoreOptions;
  drop(): Promise<void>;
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function postgres(name: string): Promise<ThrowawayDatabase> {
  const { default: pg } = await import('pg');
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  return {
    options: { type: 'postgres', url: withDatabase(POSTGRES_URL, name), poolSize: 10 },
    drop: () => admin(`drop database if exists "${name}" with (force)`),
  };
}

async function mysql(name: string): Promise<ThrowawayDatabase> {
  const { createConnection } = await import('mysql2/promise');
  const admin = async (statement: string) => {
    const connection = await createConnection({ uri: MYSQL_URL, connectTimeout: 5000 });
    try {
      await connection.query(statement);
    } finally {
      await connection.end();
    }
  };
  await admin(`create database \`${name}\``);
  return {
    options: { type: 'mysql', url: withDatabase(MYSQL_URL, name), poolSize: 10 },
    drop: () => admin(`drop database if exists \`${name}\``),
  };
}

async function sqlite(name: string): Promise<ThrowawayDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'sigil-sqlite-'));
  return {
    options: { type: 'sqlite', path: join(dir, 'nested', `${name}.db`) },
    drop: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Creates an empty database named `sigil_test_<random>` on the local service (SQLite: a file in
 * a fresh temporary directory). When the service cannot be reached it fails loudly in CI
 * (`CI=true`) and otherwise resolves `undefined` after printing why, so the tests skip.
 */
export async function throwawayDatabase(type: SqlDialectName): Promise<ThrowawayDatabase | undefined> {
  const name = `sigil_test_${randomBytes(6).toString('hex')}`;
  try {
    return await { postgres, mysql, sqlite }[type](name);
  } catch (e) {
    const reason = `${type} is unreachable (${e instanceof Error ? e.message : String(e)})`;
    if (process.env.CI === 'true') throw new Error(`${reason}; CI requires it`, { cause: e });
    console.warn(`skipping ${type} store tests: ${reason}`);
    return undefined;
  }
}

/**
 * Stores on a fresh throwaway database, for `runStoreContract`; their `close` also drops the
 * database. `undefined` when the engine is unavailable outside CI.
 */
export async function throwawayStores(type: SqlDialectName): Promise<Stores | undefined> {
  const database = await throwawayDatabase(type);
  if (!database) return undefined;
  let stores: Stores;
  try {
    stores = await createSqlStores(database.options);
  } catch (e) {
    await database.drop();
    throw e;
  }
  return {
    ...stores,
    close: async () => {
      try {
        await stores.close();
      } finally {
        await database.drop();
      }
    },
  };
}
