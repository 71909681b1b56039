import type { Stores } from '../types.js';
import { migrate } from './migrate.js';
import { openSqlDatabase, type SqlDatabase, type SqlStoreLogger, type SqlStoreOptions } from './open-database.js';
import { assertSchemaCurrent } from './schema-version.js';
import { SqlCache } from './sql-cache.js';
import { SqlConfigurationStore } from './sql-configuration.js';
import { SqlDeviceCodeStore } from './sql-device-codes.js';
import { SqlGrantStore } from './sql-grants.js';
import { SqlProtectionKeyStore, SqlSigningKeyStore } from './sql-keys.js';
import { SqlLockProvider } from './sql-locks.js';
import { SqlPushedRequestStore } from './sql-pushed-requests.js';
import { SqlReplayCache } from './sql-replay.js';
import { SqlSessionStore } from './sql-sessions.js';
import { SqlUserStore } from './sql-users.js';

/** What {@link createSqlStores} needs from the server besides its options. */
export interface SqlStoreDeps {
  /** Told about applied migrations and idle-connection failures. */
  logger?: SqlStoreLogger;
}

/** Every store on one open database; `close` closes the database. */
export function storesOn(database: SqlDatabase): Stores {
  const { db, dialect } = database;
  return {
    kind: database.kind,
    grants: new SqlGrantStore(db, dialect),
    replay: new SqlReplayCache(db, dialect),
    signingKeys: new SqlSigningKeyStore(db, dialect),
    protectionKeys: new SqlProtectionKeyStore(db, dialect),
    sessions: new SqlSessionStore(db, dialect),
    pushedRequests: new SqlPushedRequestStore(db, dialect),
    deviceCodes: new SqlDeviceCodeStore(db, dialect),
    users: new SqlUserStore(db, dialect),
    configuration: new SqlConfigurationStore(db, dialect),
    locks: new SqlLockProvider(db, dialect),
    cache: new SqlCache(db, dialect),
    close: () => database.close(),
  };
}

/**
 * Opens SQLite, PostgreSQL or MySQL/MariaDB and returns every store on it. Before returning it
 * checks the schema: it applies pending migrations (under a database-wide lock, so instances
 * starting at once migrate once), or with `migrate: false` refuses to start while any are
 * pending. Either way it refuses a database migrated by a newer release. Refusals are
 * `SchemaVersionError`s whose message tells the operator what to do; the connections are closed.
 *
 * @example
 * ```ts
 * const stores = await createSqlStores({ type: 'postgres', url: process.env.DATABASE_URL, poolSize: 20 }, { logger });
 * await stores.grants.store(grant);
 * await stores.close();
 * ```
 */
export async function createSqlStores(options: SqlStoreOptions, deps: SqlStoreDeps = {}): Promise<Stores> {
  const database = await openSqlDatabase(options, deps.logger);
  try {
    if (options.migrate === false) await assertSchemaCurrent(database.db, database.dialect);
    else await migrate(database, { logger: deps.logger });
  } catch (e) {
    await database.close().catch(() => undefined);
    throw e;
  }
  return storesOn(database);
}
