import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateOptions } from '../../config/validate-options.js';
import { isOAuthError } from '../../errors/oauth-error.js';
import { type Narrowing, selectResources } from './select-resources.js';

const options = validateOptions(
  {
    issuer: 'https://op.test',
    store: { type: 'memory' },
    apiScopes: [{ name: 'orders.read' }, { name: 'billing.read' }, { name: 'audit.read' }],
    apiResources: [
      { name: 'orders', scopes: ['orders.read'] },
      { name: 'billing', scopes: ['billing.read'] },
      { name: 'audit', scopes: ['audit.read'], requireResourceIndicator: true },
    ],
    clients: [
      {
        clientId: 'web',
        clientSecrets: [{ value: 'secret' }],
        allowedGrantTypes: ['authorization_code'],
        redirectUris: ['https://web.example/cb'],
        allowedScopes: ['openid', 'orders.read', 'billing.read', 'audit.read', 'offline_access'],
        allowOfflineAccess: true,
      },
      {
        clientId: 'online',
        clientSecrets: [{ value: 'secret' }],
        allowedGrantTypes: ['authorization_code'],
        redirectUris: ['https://online.example/cb'],
        allowedScopes: ['openid', 'orders.read'],
      },
    ],
  },
  { env: {} },
);
const web = options.clients.get('web')!;
const all = ['openid', 'orders.read', 'billing.read', 'audit.read', 'offline_access'];

function select(authorized: string[], resources: string[], narrowing: Partial<Narrowing>, client = web) {
  return selectResources(client, options.resources, { scopes: authorized, resources }, { resource: [], ...narrowing });
}

function error(action: () => unknown): string {
  try {
    action();
  } catch (e) {
    assert.ok(isOAuthError(e));
    return e.error;
  }
  return 'none';
}

describe('selecting what user tokens are for (RFC 6749 §6, RFC 8707 §2.2)', () => {
  it('keeps the whole authorization without narrowing, leaving out resources that require an indicator', () => {
    const r = select(all, [], {});
    assert.deepEqual(r.scopes, all);
    assert.deepEqual(
      r.apiResources.map((a) => a.name),
      ['orders', 'billing'],
    );
    assert.equal(r.offlineAccess, true);
  });

  it('narrows scopes to a subset and refuses any scope outside the original grant', () => {
    assert.deepEqual(select(all, [], { scope: 'openid billing.read' }).scopes, ['openid', 'billing.read']);
    assert.equal(
      error(() => select(['openid', 'orders.read'], [], { scope: 'orders.read billing.read' })),
      'invalid_scope',
    );
    assert.equal(
      error(() => select(all, [], { scope: 'openid  orders.read' })),
      'invalid_scope',
    );
  });

  it('uses the resources the authorization request indicated when the token request names none', () => {
    const r = select(all, ['audit', 'billing'], {});
    assert.deepEqual(
      r.apiResources.map((a) => a.name),
      ['billing', 'audit'],
    );
  });

  it('accepts a resource of the authorization request and refuses any other', () => {
    const r = select(all, ['billing', 'orders'], { resource: ['billing'] });
    assert.deepEqual(r.scopes, ['openid', 'billing.read', 'offline_access']);
    assert.deepEqual(
      r.apiResources.map((a) => a.name),
      ['billing'],
    );
    assert.equal(
      error(() => select(all, ['billing'], { resource: ['orders'] })),
      'invalid_target',
    );
    assert.equal(
      error(() => select(all, [], { resource: ['nowhere'] })),
      'invalid_target',
    );
    assert.equal(select(all, [], { resource: ['audit'] }).apiResources[0]!.name, 'audit');
  });

  it('drops offline_access for a client that is not allowed offline access', () => {
    const r = select(['openid', 'orders.read', 'offline_access'], [], {}, options.clients.get('online')!);
    assert.deepEqual(r.scopes, ['openid', 'orders.read']);
    assert.equal(r.offlineAccess, false);
  });
});
