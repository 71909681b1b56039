/**
 * Data protection isolates applications by name, both ways, on one shared key store and one
 * master key, on every store engine; and one name works across instances, each with its own
 * connection to the store.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createMemoryStores } from '../stores/memory/memory-stores.js';
import { createSqlStores } from '../stores/sql/create-sql-stores.js';
import { type ThrowawayDatabase, throwawayDatabase } from '../stores/sql/test-databases.case.js';
import type { ProtectionKeyStore, Stores } from '../stores/types.js';
import { createDataProtection, type DataProtection } from './data-protection.js';
import { DataProtectionError, isUnreadableProtectedData } from './data-protection-error.js';

const MASTER = randomBytes(32);

function provider(stores: Stores, applicationName: string, store: ProtectionKeyStore = stores.protectionKeys) {
  return createDataProtection({ store, locks: stores.locks, applicationName, masterKey: MASTER });
}

/** The error `fn` throws, asserted to be a DataProtectionError. */
function failure(fn: () => unknown): DataProtectionError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DataProtectionError, `expected a DataProtectionError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected unprotect to fail');
}

/** Asserts the message names the key id, the application name and the fix. */
function assertExplains(e: DataProtectionError, keyId: string, applicationName: string): void {
  assert.equal(e.keyId, keyId);
  assert.equal(e.applicationName, applicationName);
  assert.ok(e.message.includes(keyId), `no key id in: ${e.message}`);
  assert.ok(e.message.includes(`"${applicationName}"`), `no application name in: ${e.message}`);
  assert.match(e.message, /same master key .*same dataProtection\.applicationName/);
  assert.ok(isUnreadableProtectedData(e));
}

const keyIdOf = (protectedText: string) => protectedText.split('.')[1]!;

type Engine = 'memory' | 'sqlite' | 'postgres' | 'mysql';

for (const engine of ['memory', 'sqlite', 'postgres', 'mysql'] as Engine[]) {
  describe(`data-protection isolation on a shared ${engine} store`, () => {
    let database: ThrowawayDatabase | undefined;
    // Two connections to one store, as two server instances have.
    let one: Stores | undefined;
    let two: Stores | undefined;

    before(async () => {
      if (engine === 'memory') {
        one = two = createMemoryStores();
        return;
      }
      database = await throwawayDatabase(engine);
      if (!database) return;
      one = await createSqlStores(database.options);
      two = await createSqlStores({ ...database.options, migrate: false });
    });

    after(async () => {
      await one?.close();
      if (two !== one) await two?.close();
      await database?.drop();
    });

    const run = (title: string, fn: (one: Stores, two: Stores) => Promise<void>) =>
      it(title, async (t) => {
        if (!one || !two) return t.skip(`${engine} is unavailable`);
        await fn(one, two);
      });

    run('application X cannot unprotect what application Y protected, and Y cannot read X', async (a, b) => {
      const x = await provider(a, `app-x-${engine}`);
      const y = await provider(b, `app-y-${engine}`);
      const fromX = x.createProtector('tickets').protect('secret of X');
      const fromY = y.createProtector('tickets').protect('secret of Y');
      assert.notEqual(keyIdOf(fromX), keyIdOf(fromY), 'each application has a ring of its own');
      const xByY = failure(() => y.createProtector('tickets').unprotect(fromX));
      assert.equal(xByY.code, 'key-not-found');
      assertExplains(xByY, keyIdOf(fromX), `app-y-${engine}`);
      const yByX = failure(() => x.createProtector('tickets').unprotect(fromY));
      assert.equal(yByX.code, 'key-not-found');
      assertExplains(yByX, keyIdOf(fromY), `app-x-${engine}`);
      // After reloading their rings from the shared store, still neither sees the other's keys.
      await x.refresh();
      await y.refresh();
      assert.equal(failure(() => y.createProtector('tickets').unprotect(fromX)).code, 'key-not-found');
      assert.equal(failure(() => x.createProtector('tickets').unprotect(fromY)).code, 'key-not-found');
      assert.equal(x.createProtector('tickets').unprotect(fromX), 'secret of X');
    });

    run('the same application name reads across instances, both ways', async (a, b) => {
      const name = `shared-${engine}-${randomBytes(4).toString('hex')}`;
      const first = await provider(a, name);
      const second = await provider(b, name);
      assert.deepEqual(
        second.keys().map((k) => k.id),
        first.keys().map((k) => k.id),
        'the second instance uses the key the first created',
      );
      const p1 = first.createProtector('grants').protect('from the first');
      const p2 = second.createProtector('grants').protect('from the second');
      assert.equal(second.createProtector('grants').unprotect(p1), 'from the first');
      assert.equal(first.createProtector('grants').unprotect(p2), 'from the second');
    });
  });
}

describe('what binds protected data to its application', () => {
  it('a ring key relabelled for another application cannot be unwrapped', async () => {
    const stores = createMemoryStores();
    const x = await provider(stores, 'app-x');
    const protectedByX = x.createProtector('p').protect('data');
    // A store that hands X's keys to Y as if they were Y's.
    const relabelled: ProtectionKeyStore = {
      list: async () => (await stores.protectionKeys.list('app-x')).map((k) => ({ ...k, applicationName: 'app-y' })),
      add: (k) => stores.protectionKeys.add(k),
    };
    const logged: string[] = [];
    const y = await createDataProtection({
      store: relabelled,
      locks: stores.locks,
      applicationName: 'app-y',
      masterKey: MASTER,
      logger: { info: () => undefined, warn: () => undefined, error: (_o, m) => void logged.push(m) },
    });
    const e = failure(() => y.createProtector('p').unprotect(protectedByX));
    assert.equal(e.code, 'key-unreadable');
    assertExplains(e, keyIdOf(protectedByX), 'app-y');
    assert.ok(logged.some((m) => m.includes(keyIdOf(protectedByX)) && m.includes('"app-y"')));
  });

  it('another purpose of the same application cannot unprotect', async () => {
    const dp = await provider(createMemoryStores(), 'app');
    const text = dp.createProtector('sessions').protect('ticket');
    const e = failure(() => dp.createProtector('grants').unprotect(text));
    assert.equal(e.code, 'decrypt-failed');
    assertExplains(e, keyIdOf(text), 'app');
    assert.match(e.message, /purpose "grants"/);
  });

  it('tampered, truncated and malformed values fail with an unreadable-data error', async () => {
    const dp: DataProtection = await provider(createMemoryStores(), 'app');
    const p = dp.createProtector('p');
    const text = p.protect('value');
    const last = text.at(-1) === 'A' ? 'B' : 'A';
    for (const bad of [`${text.slice(0, -1)}${last}`, text.slice(0, text.indexOf('.', 3) + 5), 'not protected', '']) {
      const e = failure(() => p.unprotect(bad));
      assert.ok(['decrypt-failed', 'malformed'].includes(e.code), e.code);
      assert.ok(isUnreadableProtectedData(e));
      assert.ok(e.message.includes('"app"'));
    }
  });

  it('configuration errors are not unreadable data: they are the server to fix, not the user', async () => {
    await assert.rejects(
      createDataProtection({
        store: createMemoryStores().protectionKeys,
        locks: createMemoryStores().locks,
        applicationName: 'app',
        masterKey: randomBytes(16),
      }),
      (e) => e instanceof DataProtectionError && e.code === 'invalid-master-key' && !isUnreadableProtectedData(e),
    );
    assert.equal(isUnreadableProtectedData(new Error('x')), false);
  });
});
