import { sql } from 'kysely';
import type { DeviceCode, DeviceCodeStore } from '../types.js';
import type { SigilDb, SqlDialect } from './dialect.js';
import type { DeviceCodeRow } from './schema.js';

function toDeviceCode(r: DeviceCodeRow): DeviceCode {
  const d: DeviceCode = {
    key: r.key,
    userCode: r.user_code,
    clientId: r.client_id,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    status: r.status as DeviceCode['status'],
    data: r.data,
  };
  if (r.subject_id !== null) d.subjectId = r.subject_id;
  if (r.last_polled_at !== null) d.lastPolledAt = Number(r.last_polled_at);
  return d;
}

/** The SQL {@link DeviceCodeStore}; user codes are unique, `consume` is an atomic delete-returning. */
export class SqlDeviceCodeStore implements DeviceCodeStore {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async store(code: DeviceCode): Promise<void> {
    await this.#db
      .insertInto('device_codes')
      .values({
        key: code.key,
        user_code: code.userCode,
        client_id: code.clientId,
        subject_id: code.subjectId ?? null,
        created_at: code.createdAt,
        expires_at: code.expiresAt,
        status: code.status,
        last_polled_at: code.lastPolledAt ?? null,
        data: code.data,
      })
      .execute();
  }

  async findByUserCode(userCode: string): Promise<DeviceCode | undefined> {
    const row = await this.#db
      .selectFrom('device_codes')
      .selectAll()
      .where('user_code', '=', userCode)
      .executeTakeFirst();
    return row && toDeviceCode(row);
  }

  async get(key: string): Promise<DeviceCode | undefined> {
    const row = await this.#db.selectFrom('device_codes').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toDeviceCode(row);
  }

  async update(
    userCode: string,
    changes: Partial<Pick<DeviceCode, 'status' | 'subjectId' | 'data' | 'lastPolledAt'>>,
  ): Promise<boolean> {
    const set: Partial<DeviceCodeRow> = {};
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.subjectId !== undefined) set.subject_id = changes.subjectId;
    if (changes.data !== undefined) set.data = changes.data;
    if (changes.lastPolledAt !== undefined) set.last_polled_at = changes.lastPolledAt;
    if (Object.keys(set).length === 0) return (await this.findByUserCode(userCode)) !== undefined;
    const r = await this.#db.updateTable('device_codes').set(set).where('user_code', '=', userCode).executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  async consume(key: string): Promise<DeviceCode | undefined> {
    const where = sql`${sql.ref('key')} = ${key} and status <> 'pending'`;
    const [row] = await this.#dialect.deleteReturning<DeviceCodeRow>(this.#db, 'device_codes', 'key', where);
    return row && toDeviceCode(row);
  }

  removeExpired(now: number, batchSize: number): Promise<number> {
    return this.#dialect.deleteExpired(this.#db, 'device_codes', ['key'], now, batchSize);
  }
}
