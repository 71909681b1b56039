import type { ProtectionKeyStore, SerializedProtectionKey, SerializedSigningKey, SigningKeyStore } from '../types.js';
import type { SigilDb, SqlDialect } from './dialect.js';

/** The SQL {@link SigningKeyStore}, listed oldest first. */
export class SqlSigningKeyStore implements SigningKeyStore {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async list(): Promise<SerializedSigningKey[]> {
    const rows = await this.#db.selectFrom('signing_keys').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      alg: r.alg,
      createdAt: Number(r.created_at),
      data: r.data,
      dataProtected: Number(r.data_protected) === 1,
    }));
  }

  add(key: SerializedSigningKey): Promise<boolean> {
    const row = {
      id: key.id,
      alg: key.alg,
      created_at: key.createdAt,
      data: key.data,
      data_protected: key.dataProtected ? 1 : 0,
    };
    return this.#dialect.insertIfAbsent(this.#db, 'signing_keys', row);
  }

  async remove(id: string): Promise<boolean> {
    const r = await this.#db.deleteFrom('signing_keys').where('id', '=', id).executeTakeFirst();
    return r.numDeletedRows > 0n;
  }
}

/** The SQL {@link ProtectionKeyStore}; ids are unique across applications. */
export class SqlProtectionKeyStore implements ProtectionKeyStore {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async list(applicationName: string): Promise<SerializedProtectionKey[]> {
    const rows = await this.#db
      .selectFrom('protection_keys')
      .selectAll()
      .where('application_name', '=', applicationName)
      .orderBy('created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      applicationName: r.application_name,
      createdAt: Number(r.created_at),
      activatesAt: Number(r.activates_at),
      expiresAt: Number(r.expires_at),
      data: r.data,
    }));
  }

  add(key: SerializedProtectionKey): Promise<boolean> {
    return this.#dialect.insertIfAbsent(this.#db, 'protection_keys', {
      id: key.id,
      application_name: key.applicationName,
      created_at: key.createdAt,
      activates_at: key.activatesAt,
      expires_at: key.expiresAt,
      data: key.data,
    });
  }
}
