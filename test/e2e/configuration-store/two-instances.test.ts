import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClientInput } from '../../../src/config/types.js';
import type { SqlDialectName } from '../../../src/stores/sql/dialect.js';
import {
  rawItem,
  requestToken,
  scopesSupported,
  startTwoInstances,
  type TwoInstances,
  writeRawItem,
} from './two-instances.case.js';

const SECRET = 'dynamic-client-secret';
const dynamic = (overrides: Partial<ClientInput> = {}): ClientInput => ({
  clientId: 'dynamic',
  clientSecrets: [{ value: SECRET }],
  allowedGrantTypes: ['client_credentials'],
  allowedScopes: ['orders.read'],
  ...overrides,
});

for (const type of ['postgres', 'mysql', 'sqlite'] as SqlDialectName[]) {
  describe(`clients and resources in a shared ${type} database`, () => {
    let two: TwoInstances | undefined;

    before(async () => {
      two = await startTwoInstances(type);
    });
    after(() => two?.close());

    /** The instances, or a skip when the database is unavailable outside CI. */
    function instances(t: { skip(reason: string): void }): TwoInstances | undefined {
      if (!two) t.skip(`${type} unavailable`);
      return two;
    }

    it("serves a client added through A's admin API on A at once and on B after B's refresh", async (t) => {
      const x = instances(t);
      if (!x) return;
      await x.a.sigil.configuration.saveClient(dynamic());
      assert.equal((await requestToken(x.a, 'dynamic', SECRET, 'orders.read')).status, 200);
      const early = await requestToken(x.b, 'dynamic', SECRET, 'orders.read');
      assert.equal(early.body.error, 'invalid_client', 'B has not refreshed yet');
      await x.b.sigil.runJob('configuration');
      const res = await requestToken(x.b, 'dynamic', SECRET, 'orders.read');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.scope, 'orders.read');
    });

    it('stores the plain secret given to the API only as its sha256 digest', async (t) => {
      const x = instances(t);
      if (!x) return;
      const row = await rawItem(x.store, 'client', 'dynamic');
      assert.ok(row);
      assert.ok(!row.includes(SECRET), row);
      assert.match(row, /"value":"sha256:[A-Za-z0-9+/]{43}="/);
    });

    it('refuses a client on B once it is disabled through A', async (t) => {
      const x = instances(t);
      if (!x) return;
      const stored = await x.a.sigil.configuration.getClient('dynamic');
      assert.ok(stored);
      await x.a.sigil.configuration.saveClient({ ...stored.value, enabled: false });
      await x.b.sigil.runJob('configuration');
      const res = await requestToken(x.b, 'dynamic', SECRET, 'orders.read');
      assert.equal(res.body.error, 'invalid_client');
    });

    it("applies a change of the client's allowed scopes on B", async (t) => {
      const x = instances(t);
      if (!x) return;
      assert.equal((await x.a.sigil.configuration.saveClient(dynamic())).created, false);
      await x.b.sigil.runJob('configuration');
      assert.equal((await requestToken(x.b, 'dynamic', SECRET, 'orders.write')).body.error, 'invalid_scope');
      await x.a.sigil.configuration.saveClient(dynamic({ allowedScopes: ['orders.read', 'orders.write'] }));
      await x.b.sigil.runJob('configuration');
      const res = await requestToken(x.b, 'dynamic', SECRET, 'orders.write');
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.scope, 'orders.write');
    });

    it('adds and removes an API scope in the discovery document of B', async (t) => {
      const x = instances(t);
      if (!x) return;
      assert.ok(!(await scopesSupported(x.b)).includes('reports.read'), 'discovery is built and cached first');
      await x.a.sigil.configuration.saveApiScope({ name: 'reports.read' });
      await x.b.sigil.runJob('configuration');
      assert.ok((await scopesSupported(x.b)).includes('reports.read'));
      await x.a.sigil.configuration.removeApiScope('reports.read');
      assert.ok(!(await scopesSupported(x.a)).includes('reports.read'), 'A at once');
      await x.b.sigil.runJob('configuration');
      assert.ok(!(await scopesSupported(x.b)).includes('reports.read'), 'B after its refresh');
    });

    it('keeps serving the last valid version when a broken version is written into the table by hand', async (t) => {
      const x = instances(t);
      if (!x) return;
      await writeRawItem(x.store, 'client', 'dynamic', '{"clientId":"dynamic","allowedGrantTypes":"all of them"}');
      await x.b.sigil.runJob('configuration');
      assert.equal((await requestToken(x.b, 'dynamic', SECRET, 'orders.read')).status, 200);
      const invalid = x.b.sigil.configuration.status().invalid;
      assert.deepEqual(
        invalid.map((p) => [p.name, p.keptLastGood, p.problems[0]]),
        [['dynamic', true, 'client "dynamic": allowedGrantTypes must be an array of strings']],
      );
    });

    it('refuses a removed client on B and deletes the grants it had', async (t) => {
      const x = instances(t);
      if (!x) return;
      await x.a.sigil.configuration.saveClient(dynamic({ accessTokenType: 'reference' }));
      await x.b.sigil.runJob('configuration');
      assert.equal((await requestToken(x.b, 'dynamic', SECRET, 'orders.read')).status, 200);
      assert.equal((await x.a.sigil.stores.grants.list({ clientId: 'dynamic' })).length, 1, 'a reference token');
      const removed = await x.a.sigil.configuration.removeClient('dynamic');
      assert.deepEqual(removed, { removed: true, grantsRemoved: 1 });
      await x.b.sigil.runJob('configuration');
      assert.equal((await requestToken(x.b, 'dynamic', SECRET, 'orders.read')).body.error, 'invalid_client');
      assert.equal(await rawItem(x.store, 'client', 'dynamic'), undefined);
    });
  });
}
