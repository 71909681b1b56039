/**
 * Throwaway databases for the persistence benchmarks, and the pre-fill of stored grants. A
 * SQLite database is a file under the OS temp directory; a PostgreSQL database is created on
 * 127.0.0.1:5432 (user postgres, trust) and dropped by the next run. Pre-filled rows are what
 * Sigil itself stores for a reference token: the key is the handle's hash, the data the
 * data-protected claims, written in bulk with the engine's driver. To keep a 1M-row pre-fill
 * short, rows reuse 1,000 protected payloads (same size and format; the payload is not indexed).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { API } from './setup.mjs';

const PG = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const dirs = [];

/** A fresh SQLite store option. */
export function sqliteStore(name) {
  const dir = mkdtempSync(join(tmpdir(), 'sigil-bench-'));
  dirs.push(dir);
  return { type: 'sqlite', path: join(dir, `${name}.db`) };
}

/** A fresh PostgreSQL database (dropped first if a previous run left it), as a store option. */
export async function postgresStore(name) {
  const db = `sigil_bench_${name}`;
  const admin = new pg.Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${db} with (force)`);
    await admin.query(`create database ${db}`);
  } finally {
    await admin.end();
  }
  return { type: 'postgres', url: `${PG}/${db}` };
}

/** Remove the SQLite files and drop the PostgreSQL databases of this run. */
export async function dropAll(stores) {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  const admin = new pg.Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  try {
    for (const s of stores) {
      if (s.type === 'postgres') await admin.query(`drop database if exists ${s.url.split('/').pop()} with (force)`);
    }
  } finally {
    await admin.end();
  }
}

/** The i-th pre-filled reference token handle (deterministic, so the load can introspect it). */
export function prefilledHandle(i) {
  return createHash('sha256').update(`bench-handle:${i}`).digest('base64url');
}

/**
 * The row of the i-th pre-filled reference token. Half belong to users (subject and session, as
 * after an authorization-code flow), half to clients (client_credentials); 100 clients.
 * `expiresAt` decides whether the cleanup job will remove it.
 */
function grantRow(i, context) {
  const { handleKey, now, expiresAt } = context;
  const clientId = `client-${i % 100}`;
  const user = i % 2 === 0;
  return [
    handleKey('reference_token', prefilledHandle(i)),
    'reference_token',
    clientId,
    user ? `user-${i % 50_000}` : null,
    user ? `session-${i % 200_000}` : null,
    null,
    now,
    expiresAt,
    null,
    payload(i % PAYLOADS, context),
  ];
}

const PAYLOADS = 1000;
const payloads = new WeakMap();

/** One of PAYLOADS data-protected claim sets per pre-fill context. */
function payload(i, context) {
  let list = payloads.get(context);
  if (!list) payloads.set(context, (list = []));
  list[i] ??= protectedClaims(i, context);
  return list[i];
}

function protectedClaims(i, { protect, issuer, now, expiresAt }) {
  const clientId = `client-${i % 100}`;
  const user = i % 2 === 0;
  const claims = {
    iss: issuer,
    nbf: now,
    iat: now,
    exp: expiresAt,
    aud: API.name,
    sub: user ? `user-${i % 50_000}` : clientId,
    client_id: clientId,
    jti: createHash('md5').update(`jti${i}`).digest('base64url'),
    scope: API.scope,
  };
  return protect(JSON.stringify(claims));
}

const COLUMNS = [
  'key',
  'type',
  'client_id',
  'subject_id',
  'session_id',
  'family_id',
  'created_at',
  'expires_at',
  'consumed_at',
  'data',
];
const BATCH = 10_000;

/**
 * Insert rows `from`..`to`-1 into `persisted_grants` of `store`. `rowContext` carries Sigil's
 * handleKey and the grant protector of a server opened on this database (so the key ring is the
 * one the server will load), the issuer, the time and the expiry.
 */
export async function prefill(store, from, to, rowContext) {
  if (store.type === 'sqlite') {
    const db = new Database(store.path);
    db.pragma('journal_mode = WAL');
    db.pragma('cache_size = -262144');
    // Secondary indexes are rebuilt after the load (as Sigil's DDL defines them); the primary key,
    // which every lookup uses, grows row by row in random order as in production.
    const indexes = db
      .prepare(
        "select name, sql from sqlite_master where type = 'index' and tbl_name = 'persisted_grants' and sql is not null",
      )
      .all();
    for (const ix of indexes) db.exec(`drop index "${ix.name}"`);
    const insert = db.prepare(
      `insert into persisted_grants (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
    );
    const many = db.transaction((a, b) => {
      for (let i = a; i < b; i++) insert.run(grantRow(i, rowContext));
    });
    for (let i = from; i < to; i += BATCH) many(i, Math.min(to, i + BATCH));
    for (const ix of indexes) db.exec(ix.sql);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: store.url });
  await client.connect();
  try {
    const { rows: indexes } = await client.query(
      "select indexname, indexdef from pg_indexes where tablename = 'persisted_grants' and indexname <> 'persisted_grants_pkey'",
    );
    for (const ix of indexes) await client.query(`drop index "${ix.indexname}"`);
    const types = ['text', 'text', 'text', 'text', 'text', 'text', 'int8', 'int8', 'int8', 'text'];
    const sql = `insert into persisted_grants (${COLUMNS.join(', ')}) select * from unnest(${types
      .map((t, i) => `$${i + 1}::${t}[]`)
      .join(', ')})`;
    for (let i = from; i < to; i += BATCH) {
      const cols = COLUMNS.map(() => []);
      for (let j = i; j < Math.min(to, i + BATCH); j++) {
        const row = grantRow(j, rowContext);
        for (let c = 0; c < row.length; c++) cols[c].push(row[c]);
      }
      await client.query(sql, cols);
    }
    for (const ix of indexes) await client.query(ix.indexdef);
    // The steady state of a table that has been live a while: statistics and visibility map up
    // to date, and no checkpoint of the bulk load left to land inside a measurement.
    await client.query('vacuum analyze persisted_grants');
    await client.query('checkpoint');
  } finally {
    await client.end();
  }
}

/** How many grants `store` holds, and how many of them expired before `now`. */
export async function countGrants(store, now) {
  const q = 'select count(*) as n, sum(case when expires_at < ? then 1 else 0 end) as expired from persisted_grants';
  if (store.type === 'sqlite') {
    const db = new Database(store.path, { readonly: true });
    const r = db.prepare(q).get(now);
    db.close();
    return { total: Number(r.n), expired: Number(r.expired ?? 0) };
  }
  const client = new pg.Client({ connectionString: store.url });
  await client.connect();
  try {
    const r = await client.query(q.replace('?', '$1'), [now]);
    return { total: Number(r.rows[0].n), expired: Number(r.rows[0].expired ?? 0) };
  } finally {
    await client.end();
  }
}
