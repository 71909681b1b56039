import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type {
  ConfigurationContents,
  ConfigurationRecord,
  ConfigurationStore,
  ConfigurationKind as Kind,
} from '../types.js';
import type { SigilDb, SqlDialect } from './dialect.js';

/** The row that holds the version; `meta` is not an item kind, so it never collides with an item. */
const VERSION_ROW = { kind: 'meta', name: 'version' } as const;

/**
 * The SQL {@link ConfigurationStore}: one JSON row per item, keyed by (kind, name). Every save and
 * remove rewrites the version row with a fresh random value in the same transaction, so the
 * version changes exactly when the items do (through this store; edits made directly in SQL
 * must also rewrite the version row to be noticed).
 */
export class SqlConfigurationStore implements ConfigurationStore {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async load(): Promise<ConfigurationContents> {
    // One statement, so the version and the items come from one snapshot.
    const rows = await this.#db.selectFrom('configuration_items').select(['kind', 'name', 'value']).execute();
    let version = '0';
    const lists: Record<string, ConfigurationRecord[]> = {
      client: [],
      apiScope: [],
      apiResource: [],
      identityResource: [],
    };
    for (const r of rows) {
      if (r.kind === VERSION_ROW.kind) {
        if (r.name === VERSION_ROW.name) version = r.value;
      } else lists[r.kind]?.push(parseRow(r.name, r.value));
    }
    return {
      version,
      clients: lists.client!,
      apiScopes: lists.apiScope!,
      apiResources: lists.apiResource!,
      identityResources: lists.identityResource!,
    };
  }

  async version(): Promise<string> {
    const row = await this.#db
      .selectFrom('configuration_items')
      .select('value')
      .where('kind', '=', VERSION_ROW.kind)
      .where('name', '=', VERSION_ROW.name)
      .executeTakeFirst();
    return row?.value ?? '0';
  }

  async save(kind: Kind, name: string, value: unknown): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    const json = JSON.stringify(value);
    await this.#db.transaction().execute(async (trx) => {
      const row = { kind, name, value: json, updated_at: now };
      await this.#dialect.upsert(trx, 'configuration_items', row, ['kind', 'name'], {
        value: sql`${json}`,
        updated_at: sql`${now}`,
      });
      await this.#bump(trx, now);
    });
  }

  remove(kind: Kind, name: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const r = await trx
        .deleteFrom('configuration_items')
        .where('kind', '=', kind)
        .where('name', '=', name)
        .executeTakeFirst();
      if (r.numDeletedRows === 0n) return false;
      await this.#bump(trx, Math.floor(Date.now() / 1000));
      return true;
    });
  }

  async #bump(trx: SigilDb, now: number): Promise<void> {
    const version = randomBytes(12).toString('base64url');
    const row = { ...VERSION_ROW, value: version, updated_at: now };
    await this.#dialect.upsert(trx, 'configuration_items', row, ['kind', 'name'], {
      value: sql`${version}`,
      updated_at: sql`${now}`,
    });
  }
}

/** A row edited by hand may hold anything; report it instead of failing the whole load. */
function parseRow(name: string, text: string): ConfigurationRecord {
  try {
    return { name, value: JSON.parse(text) };
  } catch (e) {
    return { name, value: undefined, invalidJson: (e as Error).message };
  }
}
