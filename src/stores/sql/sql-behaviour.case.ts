import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { sql } from 'kysely';
import { nowSeconds, uid } from '../contract/support.case.js';
import type { Stores } from '../types.js';
import type { SqlDialectName } from './dialect.js';
import { inspect, sqlIt, withStores } from './sql-it.case.js';
import { whereEquals } from './sql-where.js';

/**
 * The SQL-only behaviour of the stores, per engine: durability across a reopen, concurrent
 * sweepers deleting each expired row once, exact key comparison, and the pool running calls in
 * parallel. Each test runs on its own throwaway database.
 */
export function runSqlBehaviour(type: SqlDialectName): void {
  describe(`${type} SQL specifics`, () => {
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

    if (type !== 'mysql') {
      sqlIt(type, 'finds grants by subject, session and family through the partial indexes', async (options) => {
        await withStores(async (open) => (await open(options)).close());
        const lookups = [
          [{ subject_id: 's' }, 'ix_persisted_grants_subject_id_nn'],
          [{ subject_id: 's', client_id: 'c', type: 'consent' }, 'ix_persisted_grants_subject_id_nn'],
          [{ session_id: 's' }, 'ix_persisted_grants_session_id_nn'],
          [{ family_id: 'f' }, 'ix_persisted_grants_family_id_nn'],
        ] as const;
        await inspect(options, ({ db }) =>
          db.connection().execute(async (conn) => {
            const explain = type === 'sqlite' ? sql`explain query plan` : sql`explain`;
            // An empty table is cheapest to scan; the question is whether the index can serve the query.
            if (type === 'postgres') await sql`set enable_seqscan = off`.execute(conn);
            for (const [filter, index] of lookups) {
              const where = whereEquals(filter);
              const plan = await sql`${explain} select * from ${sql.table('persisted_grants')} where ${where}`.execute(
                conn,
              );
              assert.match(JSON.stringify(plan.rows), new RegExp(index), JSON.stringify(filter));
            }
          }),
        );
      });
    }

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

    sqlIt(type, 'loads a configuration row that is not JSON as a record naming the parse error', async (options) => {
      await withStores(async (open) => {
        const s = await open(options);
        await s.configuration.save('client', 'good', { clientId: 'good' });
        await inspect(options, ({ db }) =>
          db
            .insertInto('configuration_items')
            .values({ kind: 'client', name: 'broken', value: '{"clientId":', updated_at: 1 })
            .execute(),
        );
        const loaded = await s.configuration.load();
        const broken = loaded.clients.find((c) => c.name === 'broken');
        assert.equal(broken?.value, undefined);
        assert.equal(typeof broken?.invalidJson, 'string');
        assert.deepEqual(
          loaded.clients.find((c) => c.name === 'good'),
          { name: 'good', value: { clientId: 'good' } },
        );
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

    if (type === 'postgres') {
      sqlIt(type, "returns BIGINT times as numbers without changing pg's global type parsers", async (options) => {
        await withStores(async (open) => {
          const s = await open(options);
          const key = uid();
          await s.grants.store({ key, type: 'reference_token', clientId: 'c', createdAt: 2 ** 40, data: '' });
          assert.equal((await s.grants.get(key))?.createdAt, 2 ** 40);
          const { default: pg } = await import('pg');
          assert.equal(pg.types.getTypeParser(20, 'text')('7'), '7');
        });
      });
    }

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
