import { sql } from 'kysely';
import { assertFilter } from '../lock-loop.js';
import type { ServerSideSession, SessionFilter, SessionStore } from '../types.js';
import type { SigilDb, SqlDialect } from './dialect.js';
import type { SessionRow } from './schema.js';
import { whereEquals } from './sql-where.js';

function toRow(s: ServerSideSession): SessionRow {
  return {
    key: s.key,
    subject_id: s.subjectId,
    session_id: s.sessionId,
    display_name: s.displayName ?? null,
    created_at: s.createdAt,
    renewed_at: s.renewedAt,
    expires_at: s.expiresAt ?? null,
    data: s.data,
  };
}

function toSession(r: SessionRow): ServerSideSession {
  const s: ServerSideSession = {
    key: r.key,
    subjectId: r.subject_id,
    sessionId: r.session_id,
    createdAt: Number(r.created_at),
    renewedAt: Number(r.renewed_at),
    data: r.data,
  };
  if (r.display_name !== null) s.displayName = r.display_name;
  if (r.expires_at !== null) s.expiresAt = Number(r.expires_at);
  return s;
}

function filterWhere(f: SessionFilter) {
  assertFilter(f, 'session');
  return whereEquals({ subject_id: f.subjectId, session_id: f.sessionId });
}

/** The SQL {@link SessionStore}; removals return the rows they deleted, atomically. */
export class SqlSessionStore implements SessionStore {
  readonly #db: SigilDb;
  readonly #dialect: SqlDialect;

  constructor(db: SigilDb, dialect: SqlDialect) {
    this.#db = db;
    this.#dialect = dialect;
  }

  async create(session: ServerSideSession): Promise<void> {
    await this.#db.insertInto('server_side_sessions').values(toRow(session)).execute();
  }

  async get(key: string): Promise<ServerSideSession | undefined> {
    const row = await this.#db.selectFrom('server_side_sessions').selectAll().where('key', '=', key).executeTakeFirst();
    return row && toSession(row);
  }

  async update(session: ServerSideSession): Promise<void> {
    const { key, ...rest } = toRow(session);
    await this.#db.updateTable('server_side_sessions').set(rest).where('key', '=', key).execute();
  }

  async remove(key: string): Promise<boolean> {
    const r = await this.#db.deleteFrom('server_side_sessions').where('key', '=', key).executeTakeFirst();
    return r.numDeletedRows > 0n;
  }

  async list(filter: SessionFilter): Promise<ServerSideSession[]> {
    const where = filterWhere(filter);
    const r = await sql<SessionRow>`select * from ${sql.table('server_side_sessions')} where ${where}`.execute(
      this.#db,
    );
    return r.rows.map(toSession);
  }

  async removeAll(filter: SessionFilter): Promise<ServerSideSession[]> {
    const where = filterWhere(filter);
    const rows = await this.#dialect.deleteReturning<SessionRow>(this.#db, 'server_side_sessions', 'key', where);
    return rows.map(toSession);
  }

  async removeExpired(now: number, batchSize: number): Promise<ServerSideSession[]> {
    const where = sql`expires_at < ${now}`;
    const rows = await this.#dialect.deleteReturning<SessionRow>(
      this.#db,
      'server_side_sessions',
      'key',
      where,
      batchSize,
    );
    return rows.map(toSession);
  }
}
