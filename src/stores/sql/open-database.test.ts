import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { createSqlStores } from './create-sql-stores.js';
import { openSqlDatabase } from './open-database.js';

describe('openSqlDatabase', () => {
  it('names the missing or invalid store option', async () => {
    await assert.rejects(openSqlDatabase({ type: 'sqlite' }), /"store\.path" is required for a sqlite store/);
    await assert.rejects(openSqlDatabase({ type: 'postgres' }), /"store\.url" is required for a postgres store/);
    await assert.rejects(openSqlDatabase({ type: 'mysql' }), /"store\.url" is required for a mysql store/);
    await assert.rejects(
      openSqlDatabase({ type: 'postgres', url: 'postgres://x/y', poolSize: 0 }),
      /"store\.poolSize" must be a positive integer/,
    );
    await assert.rejects(
      openSqlDatabase({ type: 'oracle' as 'mysql', url: 'x' }),
      /"store\.type" must be sqlite, postgres or mysql, not "oracle"/,
    );
  });

  it('creates the SQLite file and its parent directories, in WAL mode with synchronous NORMAL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sigil-open-'));
    const path = join(dir, 'a', 'b', 'sigil.db');
    const { db, close } = await openSqlDatabase({ type: 'sqlite', path });
    try {
      const pragma = async (name: string) =>
        Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
      assert.equal(await pragma('journal_mode'), 'wal');
      assert.equal(await pragma('synchronous'), 1);
      assert.equal(await pragma('busy_timeout'), 5000);
      assert.ok(existsSync(path));
    } finally {
      await close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('opens a private in-memory SQLite database for ":memory:"', async () => {
    const stores = await createSqlStores({ type: 'sqlite', path: ':memory:' });
    try {
      assert.equal(stores.kind, 'sqlite');
      const grant = { key: 'k', type: 'reference_token' as const, clientId: 'c', createdAt: 1, data: 'd' };
      await stores.grants.store(grant);
      assert.deepEqual(await stores.grants.get('k'), grant);
    } finally {
      await stores.close();
    }
    const other = await createSqlStores({ type: 'sqlite', path: ':memory:' });
    assert.equal(await other.grants.get('k'), undefined);
    await other.close();
  });
});
