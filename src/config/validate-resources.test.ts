import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashed, options, problems, resolve } from './problems.case.js';

// Duende IdentityResource / ApiScope / ApiResource, OIDC Core §5.4 standard scopes.
describe('identity resources', () => {
  it('defaults to openid, profile and email when omitted', () => {
    const r = resolve(options()).resources.identityResources;
    assert.deepEqual([...r.keys()], ['openid', 'profile', 'email']);
    assert.deepEqual(r.get('openid')?.userClaims, ['sub']);
    assert.equal(r.get('openid')?.required, true);
  });

  it('accepts every standard name as a string with its OIDC Core §5.4 claims', () => {
    const r = resolve(options({ identityResources: ['openid', 'profile', 'email', 'address', 'phone'] })).resources
      .identityResources;
    assert.deepEqual([...r.keys()], ['openid', 'profile', 'email', 'address', 'phone']);
    assert.deepEqual(r.get('email')?.userClaims, ['email', 'email_verified']);
    assert.deepEqual(r.get('address')?.userClaims, ['address']);
    assert.deepEqual(r.get('phone')?.userClaims, ['phone_number', 'phone_number_verified']);
    assert.ok(r.get('profile')?.userClaims.includes('preferred_username'));
  });

  it('accepts objects mixed with strings', () => {
    const r = resolve(
      options({
        identityResources: ['openid', { name: 'employee', displayName: 'Employee data', userClaims: ['employee_id'] }],
      }),
    ).resources.identityResources;
    assert.deepEqual(r.get('employee'), {
      name: 'employee',
      displayName: 'Employee data',
      description: undefined,
      userClaims: ['employee_id'],
      required: false,
      emphasize: false,
      enabled: true,
      showInDiscoveryDocument: true,
    });
  });

  it('refuses a string that is not a standard identity resource', () => {
    assert.deepEqual(problems(options({ identityResources: ['openid', 'nope'] })), [
      'identityResources[1]: "nope" is not a standard identity resource (openid, profile, email, address, phone)',
    ]);
  });

  for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`refuses "${name}", which is a property of every object but no standard identity resource`, () => {
      assert.deepEqual(problems(options({ identityResources: ['openid', name] })), [
        `identityResources[1]: "${name}" is not a standard identity resource (openid, profile, email, address, phone)`,
      ]);
    });
  }

  it('refuses an identity resource object without a name, or with an invalid one', () => {
    assert.deepEqual(problems(options({ identityResources: [{ userClaims: [] }] })), [
      'identity resource "#0": name is required',
    ]);
    assert.deepEqual(problems(options({ identityResources: [{ name: 'a b', userClaims: [] }] })), [
      'identity resource "a b": name must be a valid scope token (RFC 6749 §3.3)',
    ]);
  });

  it('refuses an identity resource defined twice', () => {
    assert.deepEqual(problems(options({ identityResources: ['openid', { name: 'openid', userClaims: ['sub'] }] })), [
      'identity resource "openid": name is defined twice',
    ]);
  });

  it('refuses a standard identity resource listed twice, which would replace a custom definition', () => {
    assert.deepEqual(problems(options({ identityResources: ['openid', 'openid'] })), [
      'identityResources[1]: "openid" is defined twice',
    ]);
    assert.deepEqual(
      problems(options({ identityResources: ['openid', { name: 'profile', userClaims: ['name'] }, 'profile'] })),
      ['identityResources[2]: "profile" is defined twice'],
    );
  });

  it('warns when openid is not defined', () => {
    const r = resolve(options({ identityResources: ['profile'] }));
    assert.ok(r.warnings.some((w) => w.includes('"openid" is not defined')));
  });
});

describe('API scopes and resources', () => {
  it('refuses an API scope defined twice or named like an identity resource', () => {
    assert.deepEqual(problems(options({ apiScopes: [{ name: 'api' }, { name: 'api' }] })), [
      'API scope "api": name is defined twice',
    ]);
    assert.deepEqual(problems(options({ apiScopes: [{ name: 'api' }, { name: 'openid' }] })), [
      'API scope "openid": name is defined twice',
    ]);
  });

  it('reserves offline_access', () => {
    assert.deepEqual(problems(options({ apiScopes: [{ name: 'api' }, { name: 'offline_access' }] })), [
      'API scope "offline_access": name "offline_access" is reserved',
    ]);
  });

  it('refuses an API resource whose scope is not defined', () => {
    assert.deepEqual(problems(options({ apiResources: [{ name: 'orders', scopes: ['api', 'nope'] }] })), [
      'API resource "orders": scopes "nope" is not a defined API scope',
    ]);
  });

  it('refuses an API resource without a name', () => {
    assert.deepEqual(problems(options({ apiResources: [{ scopes: ['api'] }] })), [
      'API resource "#0": name is required',
    ]);
  });

  it('hashes API secrets and indexes resources by scope', () => {
    const r = resolve(
      options({ apiResources: [{ name: 'orders', scopes: ['api'], apiSecrets: [{ value: hashed('api-secret') }] }] }),
    ).resources;
    assert.equal(r.apiResources.get('orders')?.secrets.length, 1);
    assert.deepEqual(
      r.apiResourcesByScope.get('api')?.map((a) => a.name),
      ['orders'],
    );
  });

  it('matches an API resource accessTokenType case-insensitively', () => {
    const r = resolve(options({ apiResources: [{ name: 'orders', scopes: ['api'], accessTokenType: 'Reference' }] }));
    assert.equal(r.resources.apiResources.get('orders')?.accessTokenType, 'reference');
  });
});
