import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { CompiledOnce } from './compiled-once.js';
import type { SigilDb } from './dialect.js';
import { cachingStatements } from './sqlite-statement-cache.js';

function counted() {
  const database = new Database(':memory:');
  const prepared: string[] = [];
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    prepared.push(source);
    return prepare(source);
  }) as typeof database.prepare;
  return { database, prepared };
}

describe('cachingStatements', () => {
  it('prepares each SQL text once and reuses the statement with new parameters', () => {
    const { database, prepared } = counted();
    const cached = cachingStatements(database);
    cached.prepare('create table t (k text primary key, v int)').run([]);
    for (let i = 0; i < 3; i++) cached.prepare('insert into t values (?, ?)').run([`k${i}`, i]);
    assert.deepEqual(cached.prepare('select v from t where k = ?').all(['k2']), [{ v: 2 }]);
    assert.deepEqual(cached.prepare('select v from t where k = ?').all(['k1']), [{ v: 1 }]);
    assert.equal(prepared.length, 3);
    cached.close();
  });

  it('drops the oldest statement when full', () => {
    const { database, prepared } = counted();
    const cached = cachingStatements(database, 2);
    for (const sql of ['select 1', 'select 2', 'select 3', 'select 3', 'select 1']) cached.prepare(sql).all([]);
    assert.deepEqual(prepared, ['select 1', 'select 2', 'select 3', 'select 1']);
    cached.close();
  });
});

describe('CompiledOnce', () => {
  const db: SigilDb = new Kysely({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });

  it('runs a query compiled once with the values of its named slots, in any order', async () => {
    await db.schema.createTable('persisted_grants').addColumn('key', 'text').addColumn('data', 'text').execute();
    const insert = new CompiledOnce<'key' | 'data', unknown>((slot) =>
      db.insertInto('persisted_grants').values({ data: slot('data'), key: slot('key') } as never),
    );
    const get = new CompiledOnce<'key', { data: string }>((slot) =>
      db.selectFrom('persisted_grants').select('data').where('key', '=', slot('key')),
    );
    await insert.execute(db, { key: 'a', data: 'one' });
    await insert.execute(db, { key: 'b', data: 'two' });
    assert.deepEqual((await get.execute(db, { key: 'b' })).rows, [{ data: 'two' }]);
  });

  it('refuses a query with a parameter that is not a slot', () => {
    assert.throws(
      () =>
        new CompiledOnce<'key', unknown>(() => db.selectFrom('persisted_grants').selectAll().where('key', '=', 'x')),
      /a parameter is not a slot: x/,
    );
  });
});
