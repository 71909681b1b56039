import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { options, resolve, svc } from '../config/problems.case.js';
import { MemoryConfigurationStore } from '../stores/memory/memory-configuration.js';
import { throwawayStores } from '../stores/sql/test-databases.case.js';
import type { ConfigurationStore } from '../stores/types.js';
import { ConfigurationSnapshots } from './configuration-snapshots.js';
import { LEVEL, logLines } from './log-lines.case.js';
import type { ConfigurationSnapshot } from './snapshot.js';

const file = resolve(options());

async function open(store: ConfigurationStore = new MemoryConfigurationStore()) {
  const { logger, lines } = logLines();
  const snapshots = await ConfigurationSnapshots.open({ file, store, extraGrantTypes: new Set(), logger });
  return { snapshots, store, lines };
}

/** Every client a snapshot serves is found through `clients` and only asks for scopes it defines. */
function assertWhole(s: ConfigurationSnapshot): void {
  const res = s.options.resources;
  for (const [id, client] of s.options.clients) {
    assert.equal(s.clients.find(id), client);
    for (const scope of client.allowedScopes)
      assert.ok(res.apiScopes.has(scope) || res.identityResources.has(scope), `${id} asks for ${scope}`);
  }
}

describe('configuration snapshots', () => {
  it('loads the database items at open', async () => {
    const store = new MemoryConfigurationStore();
    await store.save('client', 'db', svc({ clientId: 'db' }));
    const { snapshots } = await open(store);
    assert.ok(snapshots.current.clients.find('db'));
    assert.equal(snapshots.current.version, await store.version());
  });

  it('starts with invalid database items logged and skipped, serving the file and the valid items', async () => {
    const store = new MemoryConfigurationStore();
    await store.save('client', 'good', svc({ clientId: 'good' }));
    await store.save('client', 'bad', svc({ clientId: 'bad', requireDPoP: 'sometimes' }));
    const { snapshots, lines } = await open(store);
    assert.ok(snapshots.current.clients.find('good'));
    assert.ok(snapshots.current.clients.find('svc'));
    assert.equal(snapshots.current.clients.find('bad'), undefined);
    const errors = lines.filter((l) => l.level === LEVEL.error);
    assert.deepEqual(
      errors.map((l) => l.msg),
      [
        'configuration store: client "bad" is invalid, it is not served: client "bad": requireDPoP must be true or false',
      ],
    );
  });

  it('swaps atomically: a reload in progress leaves the current snapshot untouched, then replaces it whole', async () => {
    const { snapshots, store } = await open();
    const before = snapshots.current;
    await store.save('apiScope', 'orders.read', { name: 'orders.read' });
    await store.save('client', 'db', svc({ clientId: 'db', allowedScopes: ['orders.read'] }));
    const reload = snapshots.refresh();
    assert.equal(snapshots.current, before, 'readers keep the old snapshot while the store is read');
    assert.equal(snapshots.current.clients.find('db'), undefined);
    assert.equal(await reload, true);
    const after = snapshots.current;
    assert.notEqual(after, before);
    assert.ok(after.clients.find('db'));
    assert.ok(after.options.resources.apiScopes.has('orders.read'));
    assert.equal(before.clients.find('db'), undefined, 'a snapshot is never changed once built');
    assert.ok(!before.options.resources.apiScopes.has('orders.read'));
  });

  it('never shows a reader a client without the scopes it was saved with, under interleaved saves and reloads', async () => {
    const { snapshots, store } = await open();
    const seen = new Set<ConfigurationSnapshot>();
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++) {
      work.push(
        (async () => {
          await store.save('apiScope', `s${i}`, { name: `s${i}` });
          await store.save('client', `c${i}`, svc({ clientId: `c${i}`, allowedScopes: [`s${i}`] }));
          await snapshots.refresh();
        })(),
      );
      work.push(Promise.resolve().then(() => seen.add(snapshots.current)));
    }
    await Promise.all(work);
    seen.add(snapshots.current);
    assert.ok(seen.size > 1);
    for (const s of seen) assertWhole(s);
    assert.equal(snapshots.current.options.clients.size, 31);
  });

  it('does not rebuild while the version is unchanged', async () => {
    const { snapshots } = await open();
    const before = snapshots.current;
    assert.equal(await snapshots.refresh(), false);
    assert.equal(snapshots.current, before);
  });

  it('tells listeners about each new snapshot', async () => {
    const { snapshots, store } = await open();
    const heard: ConfigurationSnapshot[] = [];
    snapshots.onChange((s) => heard.push(s));
    await store.save('apiScope', 'x', { name: 'x' });
    await snapshots.refresh();
    await snapshots.refresh();
    assert.deepEqual(heard, [snapshots.current]);
  });

  it('logs an invalid item with its name and the validation message once, and keeps the last valid version', async () => {
    const { snapshots, store, lines } = await open();
    await store.save('client', 'db', svc({ clientId: 'db', clientName: 'good' }));
    await snapshots.refresh();
    await store.save('client', 'db', svc({ clientId: 'db', allowedScopes: ['nope'] }));
    await snapshots.refresh();
    await store.save('apiScope', 'unrelated', { name: 'unrelated' });
    await snapshots.refresh();
    const errors = lines.filter((l) => l.level === LEVEL.error);
    assert.equal(errors.length, 1, 'an unchanged problem is not logged again');
    assert.equal(errors[0]?.name, 'db');
    assert.equal(errors[0]?.kind, 'client');
    assert.equal(
      errors[0]?.msg,
      'configuration store: client "db" is invalid, its last valid version is still served: client "db": allowedScopes "nope" is not a defined identity resource or API scope',
    );
    assert.equal(snapshots.current.clients.find('db')?.clientName, 'good');
  });

  it('keeps the current snapshot when the store fails, and the next reload still runs', async (t) => {
    const stores = await throwawayStores('sqlite');
    if (!stores) return t.skip('sqlite unavailable');
    await stores.configuration.save('client', 'db', svc({ clientId: 'db' }));
    const { snapshots } = await open(stores.configuration);
    const before = snapshots.current;
    await stores.close();
    await assert.rejects(snapshots.refresh());
    await assert.rejects(snapshots.refresh(), 'a failed reload does not block the queue');
    assert.equal(snapshots.current, before);
    assert.ok(snapshots.current.clients.find('db'));
  });
});
