import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashed, options, resolve, svc } from '../config/problems.case.js';
import type { ConfigurationContents, ConfigurationRecord } from '../stores/types.js';
import { buildSnapshot, fileSnapshot } from './snapshot.js';

const NO_GRANTS = new Set<string>();
const file = resolve(options({ identityResources: ['openid', 'profile'] }));

function contents(parts: Partial<Record<keyof Omit<ConfigurationContents, 'version'>, unknown[]>>, version = '1') {
  const records = (list: unknown[] = []): ConfigurationRecord[] =>
    list.map((value) => {
      const v = value as { clientId?: string; name?: string };
      return { name: typeof value === 'string' ? value : (v.clientId ?? v.name ?? ''), value };
    });
  return {
    version,
    clients: records(parts.clients),
    apiScopes: records(parts.apiScopes),
    apiResources: records(parts.apiResources),
    identityResources: records(parts.identityResources),
  };
}

const dbClient = (overrides: Record<string, unknown> = {}) => svc({ clientId: 'db-client', ...overrides });

describe('configuration snapshot', () => {
  it('merges database clients and resources into the file configuration and indexes API resources by scope', () => {
    const s = buildSnapshot(
      file,
      contents({
        identityResources: ['email'],
        apiScopes: [{ name: 'orders.read' }],
        apiResources: [{ name: 'orders', scopes: ['orders.read', 'api'] }],
        clients: [dbClient({ allowedScopes: ['orders.read', 'api'] })],
      }),
      NO_GRANTS,
    );
    assert.deepEqual(s.problems, []);
    assert.equal(s.version, '1');
    assert.ok(s.clients.find('svc'), 'the file client is still there');
    assert.deepEqual([...(s.clients.find('db-client')?.allowedScopes ?? [])], ['orders.read', 'api']);
    assert.deepEqual([...s.options.resources.identityResources.keys()], ['openid', 'profile', 'email']);
    assert.deepEqual([...s.options.resources.apiScopes.keys()], ['api', 'orders.read']);
    assert.deepEqual(
      s.options.resources.apiResourcesByScope.get('api')?.map((r) => r.name),
      ['orders'],
    );
    assert.equal(s.options.issuer, file.issuer);
    assert.notEqual(s.options, file, 'every snapshot has its own options object');
    assert.equal(s.database.size, 4);
  });

  it('serves each client from one map: find returns the very object options.clients holds', () => {
    const s = buildSnapshot(file, contents({ clients: [dbClient()] }), NO_GRANTS);
    assert.equal(s.clients.find('db-client'), s.options.clients.get('db-client'));
    assert.equal(s.clients.find('db-client'), s.clients.find('db-client'));
    assert.equal(s.clients.find('nobody'), undefined);
  });

  it('lets the file win: a database item with the id of a file item is ignored and reported', () => {
    const s = buildSnapshot(
      file,
      contents({
        clients: [svc({ allowedScopes: ['openid'], clientName: 'from the database' })],
        apiScopes: [{ name: 'profile' }],
        identityResources: [{ name: 'api', userClaims: ['x'] }],
      }),
      NO_GRANTS,
    );
    assert.equal(s.clients.find('svc')?.clientName, undefined, 'the file client is served');
    assert.ok(s.options.resources.identityResources.has('profile'));
    assert.ok(!s.options.resources.identityResources.has('api'));
    const precedence = 'is defined in the configuration file, which takes precedence over the database';
    assert.deepEqual(
      s.problems.map((p) => p.problems),
      [
        [`identity resource "api": ${precedence}`],
        [`API scope "profile": ${precedence}`],
        [`client "svc": ${precedence}`],
      ],
    );
    assert.ok(s.problems.every((p) => !p.keptLastGood));
  });

  it('refuses an API scope whose name a database identity resource already uses', () => {
    const s = buildSnapshot(
      file,
      contents({ identityResources: [{ name: 'shared', userClaims: ['a'] }], apiScopes: [{ name: 'shared' }] }),
      NO_GRANTS,
    );
    assert.deepEqual(
      s.problems.map((p) => p.problems),
      [['API scope "shared": name is already used by an identity resource']],
    );
    assert.ok(s.options.resources.identityResources.has('shared'));
    assert.ok(!s.options.resources.apiScopes.has('shared'));
  });

  it('skips an invalid database item with problems naming the item and the field, and serves the rest', () => {
    const s = buildSnapshot(
      file,
      contents({
        clients: [dbClient({ allowedGrantTypes: [] }), svc({ clientId: 'fine' })],
        apiResources: [{ name: 'billing', scopes: ['missing'] }],
      }),
      NO_GRANTS,
    );
    assert.deepEqual(s.problems, [
      {
        kind: 'apiResource',
        name: 'billing',
        problems: ['API resource "billing": scopes "missing" is not a defined API scope'],
        keptLastGood: false,
      },
      {
        kind: 'client',
        name: 'db-client',
        problems: ['client "db-client": allowedGrantTypes must not be empty'],
        keptLastGood: false,
      },
    ]);
    assert.equal(s.clients.find('db-client'), undefined);
    assert.ok(s.clients.find('fine'));
    assert.ok(!s.options.resources.apiResources.has('billing'));
  });

  it('keeps serving the last valid version of an item that became invalid, until it is removed', () => {
    const good = buildSnapshot(file, contents({ clients: [dbClient({ clientName: 'v1' })] }, 'a'), NO_GRANTS);
    const broken = buildSnapshot(
      file,
      contents({ clients: [dbClient({ clientName: 'v2', accessTokenLifetime: -1 })] }, 'b'),
      NO_GRANTS,
      good,
    );
    assert.equal(broken.clients.find('db-client')?.clientName, 'v1');
    assert.deepEqual(broken.problems, [
      {
        kind: 'client',
        name: 'db-client',
        problems: ['client "db-client": accessTokenLifetime must be a positive integer (seconds)'],
        keptLastGood: true,
      },
    ]);
    const stillBroken = buildSnapshot(
      file,
      contents({ clients: [dbClient({ accessTokenLifetime: -1 })] }, 'c'),
      NO_GRANTS,
      broken,
    );
    assert.equal(stillBroken.clients.find('db-client')?.clientName, 'v1', 'kept across further reloads');
    const fixed = buildSnapshot(
      file,
      contents({ clients: [dbClient({ clientName: 'v3' })] }, 'd'),
      NO_GRANTS,
      stillBroken,
    );
    assert.equal(fixed.clients.find('db-client')?.clientName, 'v3');
    const removed = buildSnapshot(file, contents({}, 'e'), NO_GRANTS, fixed);
    assert.equal(removed.clients.find('db-client'), undefined);
  });

  it('does not keep a last valid version for an item the file now defines', () => {
    const before = buildSnapshot(resolve(options()), contents({ clients: [dbClient()] }), NO_GRANTS);
    const withFile = resolve(options({ clients: [svc(), svc({ clientId: 'db-client', clientName: 'file' })] }));
    const after = buildSnapshot(withFile, contents({ clients: [dbClient()] }, '2'), NO_GRANTS, before);
    assert.equal(after.clients.find('db-client')?.clientName, 'file');
    assert.equal(after.problems[0]?.keptLastGood, false);
  });

  it('reports a client whose scope was removed, keeping its last valid version', () => {
    const withScope = buildSnapshot(
      file,
      contents({ apiScopes: [{ name: 'orders.read' }], clients: [dbClient({ allowedScopes: ['orders.read'] })] }),
      NO_GRANTS,
    );
    const without = buildSnapshot(
      file,
      contents({ clients: [dbClient({ allowedScopes: ['orders.read'] })] }, '2'),
      NO_GRANTS,
      withScope,
    );
    assert.ok(!without.options.resources.apiScopes.has('orders.read'));
    assert.deepEqual(without.problems[0]?.problems, [
      'client "db-client": allowedScopes "orders.read" is not a defined identity resource or API scope',
    ]);
    assert.ok(without.clients.find('db-client'));
  });

  it('reports a record stored under another name than its id, and one that is not JSON', () => {
    const s = buildSnapshot(
      file,
      {
        version: '1',
        clients: [
          { name: 'alias', value: dbClient() },
          { name: 'garbled', value: undefined, invalidJson: 'Unexpected end of JSON input' },
        ],
        apiScopes: [],
        apiResources: [],
        identityResources: [],
      },
      NO_GRANTS,
    );
    assert.deepEqual(
      s.problems.map((p) => p.problems[0]),
      [
        'client "alias": clientId must be "alias", the name it is stored under',
        'client "garbled": the stored value is not JSON (Unexpected end of JSON input)',
      ],
    );
    assert.equal(s.clients.find('db-client'), undefined);
  });

  it('takes unchanged items over from the previous snapshot without validating them again', () => {
    const stored = contents({
      apiScopes: [{ name: 'orders.read' }],
      clients: [dbClient({ allowedScopes: ['orders.read'] })],
    });
    const first = buildSnapshot(file, stored, NO_GRANTS);
    const changed = contents(
      {
        apiScopes: [{ name: 'orders.read' }],
        clients: [dbClient({ allowedScopes: ['orders.read'] }), svc({ clientId: 'new' })],
      },
      '2',
    );
    const second = buildSnapshot(file, changed, NO_GRANTS, first);
    assert.equal(second.clients.find('db-client'), first.clients.find('db-client'), 'the very same validated object');
    assert.equal(
      second.options.resources.apiScopes.get('orders.read'),
      first.options.resources.apiScopes.get('orders.read'),
    );
    assert.notEqual(second.options.clients, first.options.clients);
  });

  it('reports validation warnings only for items that are new or changed', () => {
    const offline = dbClient({ allowOfflineAccess: true });
    const first = buildSnapshot(file, contents({ clients: [offline] }), NO_GRANTS);
    assert.deepEqual(first.warnings, [
      'client "db-client": allowOfflineAccess has no effect without a user-facing grant',
    ]);
    const second = buildSnapshot(
      file,
      contents({ clients: [offline, svc({ clientId: 'other' })] }, '2'),
      NO_GRANTS,
      first,
    );
    assert.deepEqual(second.warnings, []);
  });

  it('accepts a database client with a hashed secret and no plain secret warning', () => {
    const s = buildSnapshot(
      file,
      contents({ clients: [dbClient({ clientSecrets: [{ value: hashed('x') }] })] }),
      NO_GRANTS,
    );
    assert.deepEqual(s.warnings, []);
    assert.equal(s.clients.find('db-client')?.secrets.length, 1);
  });

  it('serves the file configuration alone when the store is off', () => {
    const s = fileSnapshot(file);
    assert.equal(s.options, file);
    assert.equal(s.clients.find('svc'), file.clients.get('svc'));
  });
});
