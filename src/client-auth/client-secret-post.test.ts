import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticateClient } from './authenticate-client.js';
import { AUTH_FAILED, BASIC_CHALLENGE } from './failure.js';
import { basicHeader, createTestContext, hashedSecret, oauthError, T0, tokenRequest } from './test-context.case.js';

// RFC 6749 §2.3.1: client_secret_basic and client_secret_post against SHA-256 hashed secrets.
const { ctx } = createTestContext({
  clients: [
    { clientId: 'svc', clientSecrets: [{ value: hashedSecret('s3cret') }], allowedGrantTypes: ['client_credentials'] },
    {
      clientId: 'rotating',
      clientSecrets: [
        { value: hashedSecret('old-secret'), expiration: T0 - 1 },
        { value: hashedSecret('new-secret'), expiration: T0 + 3600 },
      ],
      allowedGrantTypes: ['client_credentials'],
    },
    {
      clientId: 'off',
      enabled: false,
      clientSecrets: [{ value: hashedSecret('s3cret') }],
      allowedGrantTypes: ['client_credentials'],
    },
    {
      clientId: 'post-only',
      tokenEndpointAuthMethod: 'client_secret_post',
      clientSecrets: [{ value: hashedSecret('s3cret') }],
      allowedGrantTypes: ['client_credentials'],
    },
  ],
});

const basic = (id: string, secret: string) => authenticate({ headers: { authorization: basicHeader(id, secret) } });
const post = (id: string, secret: string) => authenticate({ body: { client_id: id, client_secret: secret } });
function authenticate(input: Parameters<typeof tokenRequest>[0]) {
  const { req, params } = tokenRequest(input);
  return authenticateClient(req, params, ctx);
}

describe('client_secret_basic and client_secret_post', () => {
  it('authenticates a client whose Basic secret matches its SHA-256 hash', async () => {
    const r = await basic('svc', 's3cret');
    assert.equal(r.client.clientId, 'svc');
    assert.equal(r.method, 'client_secret_basic');
  });

  it('authenticates a client whose body secret matches its SHA-256 hash', async () => {
    const r = await post('svc', 's3cret');
    assert.equal(r.client.clientId, 'svc');
    assert.equal(r.method, 'client_secret_post');
  });

  it('rejects a wrong Basic secret with 401 invalid_client and a Basic challenge', async () => {
    const e = await oauthError(() => basic('svc', 'wrong'), 'invalid_client');
    assert.equal(e.status, 401);
    assert.equal(e.headers['www-authenticate'], BASIC_CHALLENGE);
    assert.match(e.detail ?? '', /does not match/);
  });

  it('rejects a wrong body secret with 400 invalid_client, since a 401 must carry a challenge (RFC 9110 §15.5.2)', async () => {
    const e = await oauthError(() => post('svc', 'wrong'), 'invalid_client');
    assert.equal(e.status, 400);
    assert.equal(e.headers['www-authenticate'], undefined);
  });

  it('rejects a secret that differs only in case or by a trailing character', async () => {
    await oauthError(() => post('svc', 'S3cret'), 'invalid_client');
    await oauthError(() => post('svc', 's3cret '), 'invalid_client');
    await oauthError(() => post('svc', 's3cre'), 'invalid_client');
  });

  it('rejects an expired secret and says so only in detail', async () => {
    const e = await oauthError(() => post('rotating', 'old-secret'), 'invalid_client');
    assert.equal(e.description, AUTH_FAILED);
    assert.match(e.detail ?? '', /expired/);
  });

  it('accepts the unexpired secret of a client that rotates secrets', async () => {
    assert.equal((await post('rotating', 'new-secret')).client.clientId, 'rotating');
  });

  it('rejects a secret once its expiration time is reached', async () => {
    const { ctx: c, clock } = createTestContext({
      clients: [
        {
          clientId: 'svc',
          clientSecrets: [{ value: hashedSecret('s'), expiration: new Date((T0 + 10) * 1000).toISOString() }],
          allowedGrantTypes: ['client_credentials'],
        },
      ],
    });
    const { req, params } = tokenRequest({ body: { client_id: 'svc', client_secret: 's' } });
    clock.now = T0 + 9;
    await authenticateClient(req, params, c);
    clock.now = T0 + 10;
    await oauthError(() => authenticateClient(req, params, c), 'invalid_client');
  });

  it('answers an unknown and a disabled client with the same public error', async () => {
    const unknown = await oauthError(() => post('nobody', 's3cret'), 'invalid_client');
    const disabled = await oauthError(() => post('off', 's3cret'), 'invalid_client');
    assert.deepEqual(unknown.toJSON(), disabled.toJSON());
    assert.equal(unknown.status, disabled.status);
    assert.deepEqual(unknown.headers, disabled.headers);
    assert.match(unknown.detail ?? '', /unknown client/);
    assert.match(disabled.detail ?? '', /disabled/);
  });

  it('answers an unknown client over Basic with a Basic challenge', async () => {
    const e = await oauthError(() => basic('nobody', 'x'), 'invalid_client');
    assert.equal(e.headers['www-authenticate'], BASIC_CHALLENGE);
  });

  it('gives every failure the same generic error_description', async () => {
    for (const action of [() => post('svc', 'x'), () => post('nobody', 'x'), () => post('off', 's3cret')]) {
      const e = await oauthError(action, 'invalid_client');
      assert.deepEqual(e.toJSON(), { error: 'invalid_client', error_description: AUTH_FAILED });
    }
  });

  it('refuses Basic for a client restricted to client_secret_post', async () => {
    const e = await oauthError(() => basic('post-only', 's3cret'), 'invalid_client');
    assert.equal(e.headers['www-authenticate'], BASIC_CHALLENGE);
    assert.equal((await post('post-only', 's3cret')).method, 'client_secret_post');
  });

  it('refuses a confidential client that presents only its client_id', async () => {
    const e = await oauthError(() => authenticate({ body: { client_id: 'svc' } }), 'invalid_client');
    assert.match(e.detail ?? '', /no credentials/);
  });

  it('refuses a request that presents no client identity at all', async () => {
    await oauthError(() => authenticate({ body: { grant_type: 'client_credentials' } }), 'invalid_client');
  });

  it('never puts the presented secret in the error', async () => {
    const secret = 'a-very-distinctive-wrong-secret';
    for (const action of [() => post('svc', secret), () => basic('svc', secret), () => post('nobody', secret)]) {
      const e = await oauthError(action, 'invalid_client');
      assert.ok(!JSON.stringify({ ...e, message: e.message, detail: e.detail }).includes(secret));
    }
  });
});
