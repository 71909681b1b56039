import { type RawBuilder, sql } from 'kysely';
import type { Row, SigilDb, TableName } from './dialect.js';

/** `INSERT INTO table (cols) VALUES (params)`, the head every dialect's insert variants share. */
export function insertHead(table: TableName, row: Row): RawBuilder<unknown> {
  const cols = Object.keys(row);
  return sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) values (${sql.join(cols.map((c) => row[c]))})`;
}

/** `col = expr, ...` for an upsert's update part. */
export function assignments(set: Record<string, RawBuilder<unknown>>): RawBuilder<unknown> {
  return sql.join(Object.entries(set).map(([c, e]) => sql`${sql.ref(c)} = ${e}`));
}

function affected(r: { numAffectedRows?: bigint }): number {
  return Number(r.numAffectedRows ?? 0n);
}

function conflictTarget(pk: readonly string[]): RawBuilder<unknown> {
  return sql.join(pk.map((c) => sql.ref(c)));
}

/** `INSERT ... ON CONFLICT DO NOTHING` (PostgreSQL, SQLite). */
export async function onConflictInsertIfAbsent(db: SigilDb, table: TableName, row: Row): Promise<boolean> {
  return affected(await sql`${insertHead(table, row)} on conflict do nothing`.execute(db)) > 0;
}

/** `INSERT ... ON CONFLICT (pk) DO UPDATE SET ...` (PostgreSQL, SQLite). */
export async function onConflictUpsert(
  db: SigilDb,
  table: TableName,
  row: Row,
  pk: readonly string[],
  set: Record<string, RawBuilder<unknown>>,
): Promise<void> {
  await sql`${insertHead(table, row)} on conflict (${conflictTarget(pk)}) do update set ${assignments(set)}`.execute(
    db,
  );
}

/** `INSERT ... ON CONFLICT (pk) DO UPDATE SET ... RETURNING column` (PostgreSQL, SQLite). */
export async function onConflictUpsertReturning(
  db: SigilDb,
  table: TableName,
  row: Row,
  pk: readonly string[],
  set: Record<string, RawBuilder<unknown>>,
  column: string,
): Promise<number> {
  const r = await sql<Record<string, number>>`${insertHead(table, row)} on conflict (${conflictTarget(pk)})
    do update set ${assignments(set)} returning ${sql.ref(column)}`.execute(db);
  return Number(r.rows[0]![column]);
}

/**
 * `INSERT ... ON CONFLICT (pk) DO UPDATE SET <every column from excluded> WHERE table.expires_at < now`
 * (PostgreSQL, SQLite): the conflict check and the conditional take-over are one atomic statement,
 * and a row counts as written only when it was inserted or taken over.
 */
export async function onConflictClaimExpired(
  db: SigilDb,
  table: TableName,
  row: Row,
  pk: readonly string[],
  now: number,
): Promise<boolean> {
  const sets = Object.keys(row)
    .filter((c) => !pk.includes(c))
    .map((c) => sql`${sql.ref(c)} = ${sql.ref(`excluded.${c}`)}`);
  const r = await sql`${insertHead(table, row)} on conflict (${conflictTarget(pk)})
    do update set ${sql.join(sets)} where ${sql.ref(`${table}.expires_at`)} < ${now}`.execute(db);
  return affected(r) > 0;
}

/** The number of rows a raw statement changed. */
export { affected as affectedRows };
