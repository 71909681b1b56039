import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { nowSeconds, uid } from '../contract/support.case.js';
import type { Stores } from '../types.js';
import { createSqlStores } from './create-sql-stores.js';
import type { SqlDialectName } from './dialect.js';
import { migrate } from './migrate.js';
import { KNOWN_SCHEMA_VERSION, MIGRATIONS } from './migrations/known-migrations.js';
import { openSqlDatabase, type SqlDatabase, type SqlStoreOptions } from './open-database.js';
import { SchemaVersionError } from './schema-version-error.js';
import { type ThrowawayDatabase, throwawayDatabase } from './test-databases.case.js';

const ALL_VERSIONS = MIGRATIONS.map((m) => m.version);

/** Registers one test on a fresh throwaway database, skipped when the engine is unavailable. */
function sqlIt(type: SqlDialectName, title: string, fn: (options: SqlStoreOptions) => Promise<void>): void {
  it(title, async (t) => {
    const database: ThrowawayDatabase | undefined = await throwawayDatabase(type);
    if (!database) {
      t.skip(`${type} unavailable`);
      return;
    }
    try {
      await fn(database.options);
    } finally {
      await database.drop();
    }
  });
}

/** Opens `options` without checking the schema, runs `fn`, and closes. */
async function inspect<T>(options: SqlStoreOptions, fn: (database: SqlDatabase) => Promise<T>): Promise<T> {
  const database = await openSqlDatabase(options);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function appliedRows(options: SqlStoreOptions): Promise<number> {
  return inspect(options, async ({ db }) => {
    const rows = await db.selectFrom('sigil_schema_version').select('version').execute();
    return rows.length;
  });
}

/** Each store opened by `fn` is closed afterwards, even when an assertion fails. */
async function withStores(fn: (open: (o: SqlStoreOptions) => Promise<Stores>) => Promise<void>): Promise<void> {
  const opened: Stores[] = [];
  try {
    await fn(async (o) => {
      const s = await createSqlStores(o);
      opened.push(s);
      return s;
    });
  } finally {
    await Promise.all(opened.map((s) => s.close()));
  }
}

/**
 * The SQL-only behaviour, per engine: migrations (dry run, refusal of a newer schema, refusal of
 * pending migrations, concurrent start-up), durability across a restart, concurrent cleanup and
 * exact key comparison. Each test runs on its own throwaway database.
 */
export function runSqlBehaviour(type: SqlDialectName): void {
  describe(`${type} schema, start-up and SQL specifics`, () => {
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

    sqlIt(type, 'keeps every artifact across a close and a reopen', async (options) => {
      const key = uid('g-');
      const subject = uid('sub-');
      await withStores(async (open) => {
        const first = await open(options);
        await first.grants.store({ key, type: 'refresh_token', clientId: 'c', createdAt: 1, data: 'd' });
        await first.users.add({ subjectId: subject, username: subject, passwordHash: 'h', claims: {}, createdAt: 1 });
        await first.configuration.save('client', 'c', { clientId: 'c' });
        const version = await first.configuration.version();
        await first.close();
        const second = await open({ ...options, migrate: false });
        assert.deepEqual(await second.grants.get(key), {
          key,
          type: 'refresh_token',
          clientId: 'c',
          createdAt: 1,
          data: 'd',
        });
        assert.equal((await second.users.findByUsername(subject))?.subjectId, subject);
        assert.equal(await second.configuration.version(), version);
      });
    });

    sqlIt(type, 'instances sweeping expired rows at once delete each row exactly once', async (options) => {
      await withStores(async (open) => {
        const [a, b] = [await open(options), await open(options)];
        const now = nowSeconds();
        const n = 120;
        for (let i = 0; i < n; i++) {
          await a.grants.store({
            key: uid(),
            type: 'authorization_code',
            clientId: 'c',
            createdAt: 1,
            expiresAt: 2,
            data: '',
          });
          await a.sessions.create({
            key: uid(),
            subjectId: 's',
            sessionId: uid(),
            createdAt: 1,
            renewedAt: 1,
            expiresAt: 2,
            data: '',
          });
        }
        const sweepGrants = async (s: Stores) => {
          let total = 0;
          for (;;) {
            const removed = await s.grants.removeExpired(now, 7);
            if (removed === 0) return total;
            total += removed;
          }
        };
        const sweepSessions = async (s: Stores) => {
          const keys: string[] = [];
          for (;;) {
            const removed = await s.sessions.removeExpired(now, 7);
            if (removed.length === 0) return keys;
            keys.push(...removed.map((x) => x.key));
          }
        };
        const grants = await Promise.all([a, a, b, b].map(sweepGrants));
        const sessions = (await Promise.all([a, a, b, b].map(sweepSessions))).flat();
        assert.equal(
          grants.reduce((x, y) => x + y, 0),
          n,
        );
        assert.equal(sessions.length, n);
        assert.equal(new Set(sessions).size, n);
      });
    });

    sqlIt(
      type,
      'compares keys, user codes and names case-sensitively, usernames case-insensitively',
      async (options) => {
        await withStores(async (open) => {
          const s = await open(options);
          const base = uid('k-').toLowerCase();
          for (const key of [base, base.toUpperCase()]) {
            await s.grants.store({ key, type: 'reference_token', clientId: 'c', createdAt: 1, data: key });
          }
          assert.equal((await s.grants.get(base))?.data, base);
          assert.equal((await s.grants.get(base.toUpperCase()))?.data, base.toUpperCase());
          assert.equal(await s.replay.add('dpop', base, nowSeconds() + 60), true);
          assert.equal(await s.replay.add('dpop', base.toUpperCase(), nowSeconds() + 60), true);
          await s.cache.set(base, 'lower', 60);
          assert.equal(await s.cache.get(base.toUpperCase()), undefined);
          const user = { subjectId: uid(), username: `Ü${base}`, passwordHash: 'h', claims: {}, createdAt: 1 };
          assert.equal(await s.users.add(user), true);
          assert.equal(await s.users.add({ ...user, subjectId: uid(), username: user.username.toUpperCase() }), false);
          assert.deepEqual(await s.users.findByUsername(`ü${base.toUpperCase()}`), user);
        });
      },
    );

    if (type !== 'sqlite') {
      sqlIt(type, 'runs concurrent calls on several pooled connections', async (options) => {
        const count =
          type === 'postgres'
            ? sql<{ n: number }>`select count(*) as n from pg_stat_activity where datname = current_database()`
            : sql<{ n: number }>`select count(*) as n from information_schema.processlist where db = database()`;
        await withStores(async (open) => {
          const s = await open({ ...options, poolSize: 5 });
          await Promise.all(Array.from({ length: 30 }, () => s.grants.get(uid())));
          const n = await inspect(options, async ({ db }) => Number((await count.execute(db)).rows[0]!.n));
          assert.ok(n >= 6, `expected the 5 pooled connections and the inspecting one, saw ${n}`);
        });
      });
    }
  });
}
