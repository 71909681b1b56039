import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IdentityServerOptions } from '../config/types.js';
import { authenticateApiResource } from './authenticate-api-resource.js';
import { BASIC_CHALLENGE } from './failure.js';
import {
  basicHeader,
  createTestContext,
  hashedSecret,
  oauthError,
  type RequestInput,
  T0,
  tokenRequest,
} from './test-context.case.js';

// RFC 7662 §2.1: resource servers authenticate at introspection with their apiSecrets.
const options: Partial<IdentityServerOptions> = {
  apiScopes: [{ name: 'orders.read' }],
  apiResources: [
    { name: 'orders', scopes: ['orders.read'], apiSecrets: [{ value: hashedSecret('api-secret') }] },
    { name: 'retired', enabled: false, scopes: [], apiSecrets: [{ value: hashedSecret('api-secret') }] },
    { name: 'old', scopes: [], apiSecrets: [{ value: hashedSecret('api-secret'), expiration: T0 - 1 }] },
    { name: 'keyless', scopes: [] },
  ],
  clients: [
    { clientId: 'svc', clientSecrets: [{ value: hashedSecret('s3cret') }], allowedGrantTypes: ['client_credentials'] },
  ],
  events: { raiseSuccessEvents: true, raiseFailureEvents: true },
};
const { ctx, events } = createTestContext(options);

function authenticate(input: RequestInput) {
  const { req, params } = tokenRequest(input);
  return authenticateApiResource(req, params, ctx);
}
const basic = (name: string, secret: string) => authenticate({ headers: { authorization: basicHeader(name, secret) } });
const post = (name: string, secret: string) => authenticate({ body: { client_id: name, client_secret: secret } });

describe('API resource authentication', () => {
  it('authenticates an API resource by Basic with one of its apiSecrets', async () => {
    assert.equal((await basic('orders', 'api-secret'))?.name, 'orders');
  });

  it('authenticates an API resource by body credentials', async () => {
    assert.equal((await post('orders', 'api-secret'))?.name, 'orders');
  });

  it('rejects a wrong secret with invalid_client and a Basic challenge when Basic was used', async () => {
    const e = await oauthError(() => basic('orders', 'wrong'), 'invalid_client');
    assert.equal(e.status, 401);
    assert.equal(e.headers['www-authenticate'], BASIC_CHALLENGE);
    const p = await oauthError(() => post('orders', 'wrong'), 'invalid_client');
    assert.equal(p.status, 400);
    assert.equal(p.headers['www-authenticate'], undefined);
  });

  it('rejects an expired apiSecret', async () => {
    const e = await oauthError(() => post('old', 'api-secret'), 'invalid_client');
    assert.match(e.detail ?? '', /expired/);
  });

  it('rejects a disabled API resource', async () => {
    const e = await oauthError(() => post('retired', 'api-secret'), 'invalid_client');
    assert.match(e.detail ?? '', /disabled/);
  });

  it('rejects an API resource without apiSecrets', async () => {
    const e = await oauthError(() => post('keyless', 'anything'), 'invalid_client');
    assert.match(e.detail ?? '', /no shared secret/);
  });

  it('returns undefined for a name that is not an API resource, so clients are tried next', async () => {
    assert.equal(await post('nobody', 'api-secret'), undefined);
    assert.equal(await post('svc', 's3cret'), undefined);
  });

  it('returns undefined when no shared secret was presented', async () => {
    assert.equal(await authenticate({ body: { client_id: 'orders' } }), undefined);
    assert.equal(await authenticate({}), undefined);
  });

  it('rejects malformed credentials as client authentication would', async () => {
    await oauthError(
      () =>
        authenticate({
          headers: { authorization: basicHeader('orders', 'api-secret') },
          body: { client_id: 'orders', client_secret: 'api-secret' },
        }),
      'invalid_request',
    );
  });

  it('raises ApiAuthenticationSuccess and ApiAuthenticationFailure without the secret', async () => {
    events.length = 0;
    await post('orders', 'api-secret');
    await oauthError(() => basic('orders', 'a-wrong-api-secret'), 'invalid_client');
    assert.deepEqual(
      events.map((e) => [
        e.name,
        'apiName' in e ? e.apiName : undefined,
        'authenticationMethod' in e && e.authenticationMethod,
      ]),
      [
        ['ApiAuthenticationSuccess', 'orders', 'client_secret_post'],
        ['ApiAuthenticationFailure', 'orders', 'client_secret_basic'],
      ],
    );
    const text = JSON.stringify(events);
    assert.ok(!text.includes('api-secret'));
    assert.ok(!text.includes('a-wrong-api-secret'));
  });
});
