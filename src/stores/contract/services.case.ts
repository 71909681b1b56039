import assert from 'node:assert/strict';
import { describe } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { concurrently, contractIt, type StoresRef, uid } from './support.case.js';

/** The user, configuration, lock and cache parts of the contract. */
export function serviceCases(ref: StoresRef): void {
  describe('users', () => {
    contractIt(ref, 'adds a user once and finds it by subject and by username in any case', async ({ users }) => {
      const name = uid('Alice-');
      const user = {
        subjectId: uid(),
        username: name,
        passwordHash: '$argon2id$v=19$x',
        claims: { email: 'a@x', roles: ['a', 'b'], n: 1 },
        createdAt: 7,
      };
      assert.equal(await users.add(user), true);
      assert.equal(await users.add({ ...user, username: uid() }), false);
      assert.equal(await users.add({ ...user, subjectId: uid(), username: name.toUpperCase() }), false);
      assert.deepEqual(await users.findBySubject(user.subjectId), user);
      assert.deepEqual(await users.findByUsername(name.toLowerCase()), user);
      assert.equal(await users.findByUsername(uid()), undefined);
      assert.equal(await users.findBySubject(uid()), undefined);
    });

    contractIt(
      ref,
      'counts failed logins within the window, restarts after it and resets on demand',
      async ({ users }) => {
        const sub = uid();
        assert.equal(await users.countFailure(sub, 1000, 60), 1);
        assert.equal(await users.countFailure(sub, 1010, 60), 2);
        assert.equal(await users.countFailure(sub, 1059, 60), 3);
        assert.equal(await users.countFailure(sub, 1060, 60), 1);
        assert.equal(await users.countFailure(sub, 1061, 60), 2);
        assert.equal(await users.countFailure(sub, 1062, 60, true), 0);
        assert.equal(await users.countFailure(sub, 1063, 60), 1);
      },
    );

    contractIt(ref, 'counts concurrent failed logins without losing any', async ({ users }) => {
      const sub = uid();
      await concurrently(20, () => users.countFailure(sub, 5000, 600));
      assert.equal(await users.countFailure(sub, 5001, 600), 21);
    });
  });

  describe('configuration', () => {
    const named = (list: readonly { name: string; value: unknown }[], name: string) =>
      list.filter((r) => r.name === name);

    contractIt(
      ref,
      'saves, loads and removes items and changes the version on every change',
      async ({ configuration }) => {
        const v0 = await configuration.version();
        const name = uid('client-');
        await configuration.save('client', name, { clientId: name, scopes: ['openid'] });
        const v1 = await configuration.version();
        assert.notEqual(v1, v0);
        const loaded = await configuration.load();
        assert.equal(loaded.version, v1);
        assert.deepEqual(named(loaded.clients, name), [{ name, value: { clientId: name, scopes: ['openid'] } }]);
        await configuration.save('client', name, { clientId: name, scopes: [] });
        await configuration.save('apiScope', name, { name });
        const again = await configuration.load();
        assert.deepEqual(named(again.clients, name), [{ name, value: { clientId: name, scopes: [] } }]);
        assert.equal(named(again.apiScopes, name).length, 1);
        assert.notEqual(again.version, v1);
        assert.equal(await configuration.remove('client', name), true);
        const afterRemove = await configuration.version();
        assert.equal(await configuration.remove('client', name), false);
        assert.equal(await configuration.version(), afterRemove, 'removing nothing keeps the version');
        assert.equal(named((await configuration.load()).clients, name).length, 0);
        await configuration.save('apiResource', name, { name });
        await configuration.save('identityResource', name, 'profile');
        const last = await configuration.load();
        assert.deepEqual(named(last.apiResources, name), [{ name, value: { name } }]);
        assert.deepEqual(named(last.identityResources, name), [{ name, value: 'profile' }]);
      },
    );

    contractIt(ref, 'keeps items of different kinds with the same name apart', async ({ configuration }) => {
      const name = uid('same-');
      await configuration.save('apiScope', name, { name, displayName: 'scope' });
      await configuration.save('identityResource', name, { name, displayName: 'identity' });
      assert.equal(await configuration.remove('apiScope', name), true);
      const loaded = await configuration.load();
      assert.equal(named(loaded.apiScopes, name).length, 0);
      assert.deepEqual(named(loaded.identityResources, name), [{ name, value: { name, displayName: 'identity' } }]);
    });
  });

  describe('locks', () => {
    contractIt(ref, 'runs the function under the lock and returns its value', async ({ locks }) => {
      assert.equal(await locks.withLock(uid(), 10, async () => 42), 42);
    });

    contractIt(
      ref,
      'returns undefined without running when the lock is held, and frees it after a throw',
      async ({ locks }) => {
        const name = uid();
        let ran = false;
        await locks.withLock(name, 10, async () => {
          assert.equal(await locks.withLock(name, 10, async () => (ran = true), 0), undefined);
        });
        assert.equal(ran, false);
        await assert.rejects(locks.withLock(name, 10, async () => Promise.reject(new Error('boom'))));
        assert.equal(await locks.withLock(name, 10, async () => 'free', 0), 'free');
      },
    );

    contractIt(ref, 'lets waiting callers in one at a time', async ({ locks }) => {
      const name = uid();
      let inside = 0;
      let most = 0;
      const results = await concurrently(5, (i) =>
        locks.withLock(
          name,
          10,
          async () => {
            most = Math.max(most, ++inside);
            await sleep(5);
            inside--;
            return i;
          },
          10_000,
        ),
      );
      assert.deepEqual(results.sort(), [0, 1, 2, 3, 4]);
      assert.equal(most, 1);
    });

    contractIt(ref, 'takes over a lock whose holder outlived its ttl', async ({ locks }) => {
      const name = uid();
      let release!: () => void;
      const holding = new Promise<void>((r) => (release = r));
      const holder = locks.withLock(name, 1, () => holding);
      await sleep(20);
      assert.equal(await locks.withLock(name, 1, async () => 'taken over', 5000), 'taken over');
      release();
      await holder;
    });
  });

  describe('cache', () => {
    contractIt(ref, 'sets, gets, deletes and increments values', async ({ cache }) => {
      const k = uid();
      assert.equal(await cache.get(k), undefined);
      await cache.set(k, 'v', 60);
      assert.equal(await cache.get(k), 'v');
      await cache.delete(k);
      assert.equal(await cache.get(k), undefined);
      const c = uid();
      assert.deepEqual(
        await concurrently(10, () => cache.increment(c, 60)).then((v) => v.sort((a, b) => a - b)),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
      assert.equal(await cache.get(c), '10');
    });

    contractIt(ref, 'forgets values after their ttl', async ({ cache }) => {
      const k = uid();
      await cache.set(k, 'v', 1);
      await cache.increment(`${k}:n`, 1);
      await sleep(1100);
      assert.equal(await cache.get(k), undefined);
      assert.equal(await cache.increment(`${k}:n`, 1), 1);
    });
  });
}
