import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PUSHED_AUTHORIZATION_DEFAULTS } from './defaults.js';
import { options, problems, resolve, svc } from './problems.case.js';

// pushedAuthorization and the clients' PAR settings (RFC 9126, Duende PushedAuthorizationOptions)
describe('pushed authorization options', () => {
  const web = (extra: Record<string, unknown> = {}) =>
    svc({
      clientId: 'web',
      allowedGrantTypes: ['authorization_code'],
      redirectUris: ['https://app.test/cb'],
      ...extra,
    });

  it("applies Duende's defaults: not required, 600 seconds", () => {
    const r = resolve(options());
    assert.deepEqual(r.pushedAuthorization, { required: false, lifetime: PUSHED_AUTHORIZATION_DEFAULTS.lifetime });
    assert.equal(r.pushedAuthorization.lifetime, 600);
    const client = resolve(options({ clients: [web()] })).clients.get('web')!;
    assert.equal(client.requirePushedAuthorization, false);
    assert.equal(client.pushedAuthorizationLifetime, undefined);
  });

  it('reads the global switch, the lifetime and the client settings', () => {
    const r = resolve(
      options({
        pushedAuthorization: { required: true, lifetime: 60, allowUnregisteredPushedRedirectUris: false },
        clients: [web({ requirePushedAuthorization: true, pushedAuthorizationLifetime: 30 })],
      }),
    );
    assert.deepEqual(r.pushedAuthorization, { required: true, lifetime: 60 });
    assert.equal(r.clients.get('web')!.requirePushedAuthorization, true);
    assert.equal(r.clients.get('web')!.pushedAuthorizationLifetime, 30);
  });

  it('names the field of every wrong value', () => {
    assert.deepEqual(problems(options({ pushedAuthorization: 'yes' })), ['pushedAuthorization: must be an object']);
    assert.deepEqual(problems(options({ pushedAuthorization: { required: 'yes', lifetime: 0 } })), [
      'pushedAuthorization: required must be true or false',
      'pushedAuthorization: lifetime must be a positive integer (seconds)',
    ]);
    assert.deepEqual(problems(options({ pushedAuthorization: { allowUnregisteredPushedRedirectUris: true } })), [
      'pushedAuthorization: allowUnregisteredPushedRedirectUris must be false: pushed redirect URIs must be registered',
    ]);
    assert.deepEqual(
      problems(options({ clients: [web({ requirePushedAuthorization: 1, pushedAuthorizationLifetime: -1 })] })),
      [
        'client "web": requirePushedAuthorization must be true or false',
        'client "web": pushedAuthorizationLifetime must be a positive integer (seconds)',
      ],
    );
  });

  it('refuses requirePushedAuthorization on a client without a redirect-based grant', () => {
    assert.deepEqual(problems(options({ clients: [svc({ requirePushedAuthorization: true })] })), [
      'client "svc": requirePushedAuthorization needs a redirect-based grant (authorization_code, implicit or hybrid)',
    ]);
  });
});
