import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe } from 'node:test';
import { createSqlStores } from './create-sql-stores.js';
import type { SqlDialectName } from './dialect.js';
import { migrate } from './migrate.js';
import { KNOWN_SCHEMA_VERSION, MIGRATIONS } from './migrations/known-migrations.js';
import type { SqlStoreOptions } from './open-database.js';
import { SchemaVersionError } from './schema-version-error.js';
import { inspect, sqlIt, withStores } from './sql-it.case.js';

const ALL_VERSIONS = MIGRATIONS.map((m) => m.version);

async function appliedRows(options: SqlStoreOptions): Promise<number> {
  return inspect(options, async ({ db }) => {
    const rows = await db.selectFrom('sigil_schema_version').select('version').execute();
    return rows.length;
  });
}

/**
 * Migrations and start-up checks, per engine: the dry run, refusing a newer schema, refusing
 * pending migrations with `migrate: false`, and concurrent start-up on a fresh database. Each
 * test runs on its own throwaway database.
 */
export function runMigrationBehaviour(type: SqlDialectName): void {
  describe(`${type} migrations and start-up`, () => {
    sqlIt(type, 'a dry run returns the SQL of every pending migration and applies nothing', async (options) => {
      const dry = await migrate(options, { dryRun: true });
      assert.deepEqual(dry.applied, ALL_VERSIONS);
      assert.ok(dry.statements.some((s) => /^CREATE TABLE IF NOT EXISTS .sigil_schema_version./.test(s)));
      assert.ok(dry.statements.some((s) => /^CREATE TABLE IF NOT EXISTS .persisted_grants./.test(s)));
      assert.ok(
        dry.statements.some((s) => /^INSERT INTO .sigil_schema_version. .* VALUES \(1, 'initial', \d+\)$/.test(s)),
      );
      if (options.path) assert.equal(existsSync(options.path), false, 'a dry run creates no SQLite file');
      await inspect(options, async ({ db, dialect }) => {
        assert.equal(await dialect.tableExists(db, 'sigil_schema_version'), false);
        assert.equal(await dialect.tableExists(db, 'persisted_grants'), false);
      });
      const real = await migrate(options);
      assert.deepEqual(real.applied, ALL_VERSIONS);
      const withoutTimes = (s: string[]) => s.map((x) => x.replace(/\d+\)$/, 'T)'));
      assert.deepEqual(withoutTimes(real.statements), withoutTimes(dry.statements));
      assert.deepEqual(await migrate(options, { dryRun: true }), { applied: [], statements: [] });
      assert.deepEqual(await migrate(options), { applied: [], statements: [] });
      assert.equal(await appliedRows(options), ALL_VERSIONS.length);
    });

    sqlIt(type, 'refuses to start on a schema migrated by a newer release', async (options) => {
      await migrate(options);
      const future = KNOWN_SCHEMA_VERSION + 1;
      await inspect(options, ({ db }) =>
        db.insertInto('sigil_schema_version').values({ version: future, name: 'future', applied_at: 0 }).execute(),
      );
      for (const start of [() => createSqlStores(options), () => createSqlStores({ ...options, migrate: false })]) {
        await assert.rejects(start(), (e: unknown) => {
          assert.ok(e instanceof SchemaVersionError);
          assert.equal(e.code, 'schema-too-new');
          assert.equal(e.found, future);
          assert.equal(e.known, KNOWN_SCHEMA_VERSION);
          assert.match(e.message, new RegExp(`version ${future}\\b.*versions up to ${KNOWN_SCHEMA_VERSION}\\b`));
          assert.match(e.message, /upgrade Sigil/);
          return true;
        });
      }
      await assert.rejects(migrate(options, { dryRun: true }), SchemaVersionError);
    });

    sqlIt(type, 'with migrate false, refuses to start while migrations are pending', async (options) => {
      await assert.rejects(createSqlStores({ ...options, migrate: false }), (e: unknown) => {
        assert.ok(e instanceof SchemaVersionError);
        assert.equal(e.code, 'migrations-pending');
        assert.deepEqual(e.pending, ALL_VERSIONS);
        assert.match(e.message, /version 0\b.*needs version \d+/);
        assert.match(e.message, /Run `sigil migrate`/);
        return true;
      });
      await inspect(options, async ({ db, dialect }) => {
        assert.equal(await dialect.tableExists(db, 'persisted_grants'), false);
      });
      await migrate(options);
      const stores = await createSqlStores({ ...options, migrate: false });
      await stores.close();
    });

    sqlIt(type, 'three instances starting at once on a fresh database all start and migrate once', async (options) => {
      const messages: string[] = [];
      const logger = { info: (_: object, m: string) => messages.push(m), warn: () => {}, error: () => {} };
      await withStores(async () => {
        const started = await Promise.all([1, 2, 3].map(() => createSqlStores(options, { logger })));
        await Promise.all(started.map((s) => s.close()));
      });
      assert.equal(messages.filter((m) => m === 'applied SQL schema migrations').length, 1);
      assert.equal(await appliedRows(options), ALL_VERSIONS.length);
    });
  });
}
