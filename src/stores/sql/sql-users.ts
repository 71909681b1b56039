import { sql } from 'kysely';
import type { StoredUser, UserRecordStore } from '../types.js';
import type { SigilDb, SqlDialect } from './dialect.js';
import type { UserRow } from './schema.js';

function toUser(r: UserRow): StoredUser {
  return {
    subjectId: r.subject_id,
    username: r.username,
    passwordHash: r.password_hash,
    claims: JSON.parse(r.claims) as Record<string, unknown>,
    createdAt: Number(r.created_at),
  };
}

/**
 * The SQL {@link UserRecordStore}. A unique index on the lower-cased username makes names unique
 * case-insensitively on every engine; failed logins are counted by one atomic upsert.
 */
export class SqlUserStore implements UserRecordStore {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  add(user: StoredUser): Promise<boolean> {
    return this.#dialect.insertIfAbsent(this.#db, 'users', {
      subject_id: user.subjectId,
      username: user.username,
      normalized_username: user.username.toLowerCase(),
      password_hash: user.passwordHash,
      claims: JSON.stringify(user.claims),
      created_at: user.createdAt,
    });
  }

  async findByUsername(username: string): Promise<StoredUser | undefined> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('normalized_username', '=', username.toLowerCase())
      .executeTakeFirst();
    return row && toUser(row);
  }

  async findBySubject(subjectId: string): Promise<StoredUser | undefined> {
    const row = await this.#db.selectFrom('users').selectAll().where('subject_id', '=', subjectId).executeTakeFirst();
    return row && toUser(row);
  }

  async countFailure(subjectId: string, now: number, windowSeconds: number, reset?: boolean): Promise<number> {
    if (reset) {
      await this.#db.deleteFrom('login_failures').where('subject_id', '=', subjectId).execute();
      return 0;
    }
    // A fixed window: the first failure after the window has passed starts a new one.
    const stale = sql`${sql.ref('login_failures.window_start')} <= ${now - windowSeconds}`;
    return this.#dialect.upsertReturning(
      this.#db,
      'login_failures',
      { subject_id: subjectId, failures: 1, window_start: now },
      ['subject_id'],
      {
        failures: sql`case when ${stale} then 1 else ${sql.ref('login_failures.failures')} + 1 end`,
        window_start: sql`case when ${stale} then ${now} else ${sql.ref('login_failures.window_start')} end`,
      },
      'failures',
    );
  }
}
