/**
 * Two Sigil instances sharing one database with the configuration store on: changes made through
 * instance A's admin API reach instance B when B's configuration job runs (triggered with
 * `runJob`, never by sleeping; the refresh interval is an hour so it never runs by itself).
 */
import { randomBytes } from 'node:crypto';
import type { SqlDialectName } from '../../../src/stores/sql/dialect.js';
import type { SqlStoreOptions } from '../../../src/stores/sql/open-database.js';
import { inspect } from '../../../src/stores/sql/sql-it.case.js';
import { type ThrowawayDatabase, throwawayDatabase } from '../../../src/stores/sql/test-databases.case.js';
import { basic, postForm, startServer, type TestServer } from '../support/start-server.js';

/** Two servers on one database, and how to reach them. */
export interface TwoInstances {
  readonly a: TestServer;
  readonly b: TestServer;
  readonly store: SqlStoreOptions;
  close(): Promise<void>;
}

/** Start A and B on a throwaway `type` database; undefined (after printing why) when it is unavailable outside CI. */
export async function startTwoInstances(type: SqlDialectName): Promise<TwoInstances | undefined> {
  const database: ThrowawayDatabase | undefined = await throwawayDatabase(type);
  if (!database) return undefined;
  const options = {
    store: database.options,
    configurationStore: { enabled: true, refreshInterval: 3600 },
    // Both instances must unwrap the data-protection and signing keys they share.
    dataProtection: { masterKey: randomBytes(32).toString('base64'), applicationName: 'sigil-e2e-configuration' },
    apiScopes: [{ name: 'orders.read' }, { name: 'orders.write' }],
    apiResources: [{ name: 'orders', scopes: ['orders.read', 'orders.write'] }],
  };
  const started: TestServer[] = [];
  try {
    started.push(await startServer(options));
    started.push(await startServer({ ...options, store: { ...database.options, migrate: false } }));
  } catch (e) {
    await Promise.all(started.map((s) => s.close()));
    await database.drop();
    throw e;
  }
  const [a, b] = started as [TestServer, TestServer];
  return {
    a,
    b,
    store: database.options,
    async close() {
      await Promise.all([a.close(), b.close()]);
      await database.drop();
    },
  };
}

/** A client_credentials token request with Basic authentication. */
export function requestToken(server: TestServer, clientId: string, secret: string, scope?: string) {
  return postForm(
    `${server.issuer}/connect/token`,
    { grant_type: 'client_credentials', ...(scope ? { scope } : {}) },
    { authorization: basic(clientId, secret) },
  );
}

/** The `scopes_supported` of a server's discovery document. */
export async function scopesSupported(server: TestServer): Promise<string[]> {
  const res = await fetch(`${server.issuer}/.well-known/openid-configuration`);
  return ((await res.json()) as { scopes_supported: string[] }).scopes_supported;
}

/** The stored JSON text of a configuration item, read straight from the table. */
export function rawItem(store: SqlStoreOptions, kind: string, name: string): Promise<string | undefined> {
  return inspect(store, async ({ db }) => {
    const row = await db
      .selectFrom('configuration_items')
      .select('value')
      .where('kind', '=', kind)
      .where('name', '=', name)
      .executeTakeFirst();
    return row?.value;
  });
}

/** Overwrite a configuration item's stored text and the version, as a hand-made SQL edit would. */
export function writeRawItem(store: SqlStoreOptions, kind: string, name: string, value: string): Promise<void> {
  return inspect(store, async ({ db }) => {
    await db
      .updateTable('configuration_items')
      .set({ value })
      .where('kind', '=', kind)
      .where('name', '=', name)
      .execute();
    await db
      .updateTable('configuration_items')
      .set({ value: randomBytes(8).toString('hex') })
      .where('kind', '=', 'meta')
      .where('name', '=', 'version')
      .execute();
  });
}
