import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationError } from '../config/configuration-error.js';
import { hashed, options, svc } from '../config/problems.case.js';
import type { IdentityServerOptions } from '../config/types.js';
import { validateOptions } from '../config/validate-options.js';
import { matchesAnySecret } from '../crypto/secrets.js';
import { createMemoryStores } from '../stores/memory/memory-stores.js';
import { logLines } from './log-lines.case.js';
import { openConfiguration } from './open-configuration.js';

async function setup(overrides: Record<string, unknown> = {}) {
  const input: IdentityServerOptions = options({
    clients: [svc({ clientSecrets: [{ value: 'plain-file-secret' }] })],
    configurationStore: { enabled: true },
    ...overrides,
  });
  const resolved = validateOptions(input, { env: {} });
  const stores = createMemoryStores();
  const { logger } = logLines();
  const opened = await openConfiguration({ input, resolved, stores, extraGrantTypes: new Set(), logger });
  return { ...opened, stores };
}

/** Asserts `fn` rejects with a ConfigurationError whose problems are exactly `problems`. */
async function rejectsWith(fn: () => Promise<unknown>, problems: string[]): Promise<void> {
  await assert.rejects(fn, (e: unknown) => {
    assert.ok(e instanceof ConfigurationError, String(e));
    assert.deepEqual(e.problems, problems);
    return true;
  });
}

const worker = (overrides: Record<string, unknown> = {}) =>
  svc({ clientId: 'worker', clientSecrets: [{ value: 'worker-secret' }], ...overrides });

describe('configuration admin API', () => {
  it('stores a plain secret only as its sha256 digest and serves the client at once', async () => {
    const { admin, snapshots, stores } = await setup();
    const saved = await admin.saveClient(worker());
    assert.equal(saved.created, true);
    const stored = (await stores.configuration.load()).clients[0]?.value;
    assert.ok(!JSON.stringify(stored).includes('worker-secret'));
    assert.deepEqual((stored as { clientSecrets: unknown }).clientSecrets, [{ value: hashed('worker-secret') }]);
    const client = snapshots.current.clients.find('worker');
    assert.ok(client && matchesAnySecret('worker-secret', client.secrets, 0));
    assert.equal((await admin.saveClient(worker({ clientName: 'again' }))).created, false);
  });

  it('hashes API resource secrets and bare-string secrets too, and keeps sha256 values as given', async () => {
    const { admin } = await setup();
    const saved = await admin.saveApiResource({
      name: 'orders',
      scopes: ['api'],
      apiSecrets: ['bare', { value: hashed('pre'), description: 'rotated' }] as never,
    });
    assert.deepEqual((saved.value as { apiSecrets: unknown }).apiSecrets, [
      { value: hashed('bare') },
      { value: hashed('pre'), description: 'rotated' },
    ]);
  });

  it('rejects an invalid client naming the item and the field, and stores nothing', async () => {
    const { admin, stores } = await setup();
    await rejectsWith(
      () => admin.saveClient(worker({ allowedGrantTypes: [], allowedScopes: ['nope'] })),
      [
        'client "worker": allowedGrantTypes must not be empty',
        'client "worker": allowedScopes "nope" is not a defined identity resource or API scope',
      ],
    );
    assert.equal((await stores.configuration.load()).clients.length, 0);
  });

  it('refuses to save or remove an item the configuration file defines', async () => {
    const { admin } = await setup();
    await rejectsWith(
      () => admin.saveClient(svc()),
      ['client "svc": is defined in the configuration file, which takes precedence over the database'],
    );
    await rejectsWith(
      () => admin.removeApiScope('api'),
      ['API scope "api": is defined in the configuration file; remove it there'],
    );
  });

  it('refuses a client_secret_jwt client, whose secret would have to be stored in plain text', async () => {
    const { admin } = await setup();
    await assert.rejects(
      () => admin.saveClient(worker({ tokenEndpointAuthMethod: 'client_secret_jwt' })),
      /client "worker": tokenEndpointAuthMethod "client_secret_jwt" cannot be stored in the database/,
    );
  });

  it('refuses an API scope named like an identity resource', async () => {
    const { admin } = await setup();
    await admin.saveIdentityResource({ name: 'tenant', userClaims: ['tenant'] });
    await rejectsWith(
      () => admin.saveApiScope('tenant'),
      ['API scope "tenant": name is already used by an identity resource'],
    );
  });

  it('refuses to remove a scope a client or an API resource still uses, until they stop using it', async () => {
    const { admin, snapshots } = await setup();
    await admin.saveApiScope('orders.read');
    await admin.saveApiResource({ name: 'orders', scopes: ['orders.read'] });
    await admin.saveClient(worker({ allowedScopes: ['orders.read'] }));
    await rejectsWith(
      () => admin.removeApiScope('orders.read'),
      [
        'API resource "orders": scopes "orders.read" is not a defined API scope',
        'client "worker": allowedScopes "orders.read" is not a defined identity resource or API scope',
      ],
    );
    await admin.saveClient(worker({ allowedScopes: ['api'] }));
    await admin.removeApiResource('orders');
    assert.deepEqual(await admin.removeApiScope('orders.read'), { removed: true, grantsRemoved: 0 });
    assert.ok(!snapshots.current.options.resources.apiScopes.has('orders.read'));
    assert.deepEqual(await admin.removeApiScope('orders.read'), { removed: false, grantsRemoved: 0 });
  });

  it("removes a client's persisted grants with it, unless asked to keep them", async () => {
    const { admin, stores, snapshots } = await setup();
    const grant = (key: string, clientId: string) =>
      stores.grants.store({ key, type: 'refresh_token', clientId, createdAt: 1, data: '' });
    await admin.saveClient(worker());
    await admin.saveClient(worker({ clientId: 'keeper' }));
    await grant('a', 'worker');
    await grant('b', 'worker');
    await grant('c', 'keeper');
    await grant('d', 'svc');
    assert.deepEqual(await admin.removeClient('worker'), { removed: true, grantsRemoved: 2 });
    assert.deepEqual(await admin.removeClient('keeper', { keepGrants: true }), { removed: true, grantsRemoved: 0 });
    assert.equal(snapshots.current.clients.find('worker'), undefined);
    assert.deepEqual((await stores.grants.list({ type: 'refresh_token' })).map((g) => g.key).sort(), ['c', 'd']);
  });

  it('lists file items with secrets hashed, then database items with the problems that keep them out', async () => {
    const { admin, stores, snapshots } = await setup();
    await admin.saveClient(worker());
    await stores.configuration.save('client', 'broken', { clientId: 'broken', allowedGrantTypes: [] });
    await snapshots.refresh();
    const list = await admin.listClients();
    assert.deepEqual(
      list.map((e) => [e.source, e.name, e.problems.length]),
      [
        ['file', 'svc', 0],
        ['database', 'broken', 2],
        ['database', 'worker', 0],
      ],
    );
    assert.ok(!JSON.stringify(list).includes('plain-file-secret'));
    assert.equal((await admin.getClient('svc'))?.source, 'file');
    assert.equal((await admin.getClient('worker'))?.source, 'database');
    assert.equal(await admin.getClient('nobody'), undefined);
    assert.deepEqual(
      (await admin.listIdentityResources()).map((e) => e.name),
      ['openid', 'profile', 'email'],
    );
    assert.deepEqual(
      admin.status().invalid.map((p) => p.name),
      ['broken'],
    );
  });

  it('imports items that refer to each other in one go, or nothing when one is invalid', async () => {
    const { admin, stores } = await setup();
    await rejectsWith(
      () =>
        admin.importItems({
          clients: [worker({ allowedScopes: ['orders.read'] }), worker({ clientId: 'bad', accessTokenLifetime: 0 })],
          apiScopes: [{ name: 'orders.read' }],
        }),
      ['client "bad": accessTokenLifetime must be a positive integer (seconds)'],
    );
    assert.equal((await stores.configuration.load()).apiScopes.length, 0);
    const saved = await admin.importItems({
      clients: [worker({ allowedScopes: ['orders.read'] })],
      apiScopes: [{ name: 'orders.read' }],
    });
    assert.deepEqual(
      saved.map((s) => [s.kind, s.name, s.created]),
      [
        ['apiScope', 'orders.read', true],
        ['client', 'worker', true],
      ],
    );
  });

  it('refuses changes when the configuration store is off, but still lists the file items', async () => {
    const { admin } = await setup({ configurationStore: { enabled: false } });
    await assert.rejects(() => admin.saveApiScope('x'), /configurationStore: enabled is false/);
    assert.deepEqual(
      (await admin.listClients()).map((e) => e.name),
      ['svc'],
    );
    assert.equal(admin.status().enabled, false);
  });

  it('rejects items without an id or of the wrong shape', async () => {
    const { admin } = await setup();
    await rejectsWith(() => admin.saveClient({} as never), ['client: clientId is required']);
    await rejectsWith(() => admin.saveApiResource([] as never), ['API resource: must be an object']);
    await rejectsWith(
      () => admin.saveApiScope({ name: 'x'.repeat(201) }),
      [`API scope "${'x'.repeat(40)}…": name must be at most 200 characters`],
    );
  });
});
