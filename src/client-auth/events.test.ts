import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IdentityServerOptions } from '../config/types.js';
import { assertionBody, assertionClaims, signAssertion, testKey } from './assertion.case.js';
import { authenticateClient } from './authenticate-client.js';
import {
  basicHeader,
  createTestContext,
  hashedSecret,
  oauthError,
  type RequestInput,
  type TestContext,
  tokenRequest,
} from './test-context.case.js';

// Duende ClientAuthenticationSuccessEvent (1010) / ClientAuthenticationFailureEvent (1011).
const SECRET = 'Secret-Marker-7f3a9c';
const WRONG = 'Wrong-Marker-b41d22';
const HMAC = 'Hmac-Marker-0123456789abcdef0123456789';
const key = testKey('ec', 'k1');
const clients: IdentityServerOptions['clients'] = [
  { clientId: 'svc', clientSecrets: [{ value: hashedSecret(SECRET) }], allowedGrantTypes: ['client_credentials'] },
  { clientId: 'pk', jwks: { keys: [key.publicJwk] }, allowedGrantTypes: ['client_credentials'] },
  {
    clientId: 'cs',
    tokenEndpointAuthMethod: 'client_secret_jwt',
    clientSecrets: [{ value: HMAC }],
    allowedGrantTypes: ['client_credentials'],
  },
];
const with_ = (events: IdentityServerOptions['events']) => createTestContext({ clients, events });

async function run(t: TestContext, input: RequestInput): Promise<void> {
  const { req, params } = tokenRequest(input);
  await authenticateClient(req, params, t.ctx).catch(() => undefined);
}
const good = { body: { client_id: 'svc', client_secret: SECRET } };
const bad = { body: { client_id: 'svc', client_secret: WRONG } };

describe('client authentication events', () => {
  it('raises nothing when events are off (the default)', async () => {
    const t = createTestContext({ clients });
    await run(t, good);
    await run(t, bad);
    assert.deepEqual(t.events, []);
  });

  it('raises ClientAuthenticationSuccess with the client, the method and the request origin', async () => {
    const t = with_({ raiseSuccessEvents: true });
    await run(t, good);
    assert.equal(t.events.length, 1);
    const e = t.events[0]!;
    assert.equal(e.name, 'ClientAuthenticationSuccess');
    assert.equal(e.id, 1010);
    assert.equal(e.type, 'Success');
    assert.equal(e.activityId, 'req-1');
    assert.equal(e.remoteIpAddress, '127.0.0.1');
    assert.ok(e.name === 'ClientAuthenticationSuccess' && e.clientId === 'svc');
    assert.ok(e.name === 'ClientAuthenticationSuccess' && e.authenticationMethod === 'client_secret_post');
  });

  it('raises ClientAuthenticationFailure with the private reason', async () => {
    const t = with_({ raiseFailureEvents: true });
    await run(t, bad);
    const e = t.events[0]!;
    assert.equal(e.name, 'ClientAuthenticationFailure');
    assert.equal(e.id, 1011);
    assert.ok(e.name === 'ClientAuthenticationFailure' && e.clientId === 'svc');
    assert.ok(e.name === 'ClientAuthenticationFailure' && /does not match/.test(e.error));
  });

  it('raises a failure for a malformed request too, without a client id', async () => {
    const t = with_({ raiseFailureEvents: true });
    await run(t, { body: 'client_id=a&client_id=b' });
    assert.equal(t.events.length, 1);
    const e = t.events[0]!;
    assert.ok(e.name === 'ClientAuthenticationFailure' && e.clientId === undefined);
  });

  it('raises only the kinds that are enabled', async () => {
    const s = with_({ raiseSuccessEvents: true });
    await run(s, bad);
    assert.deepEqual(s.events, []);
    const f = with_({ raiseFailureEvents: true });
    await run(f, good);
    assert.deepEqual(f.events, []);
  });

  it('never puts a secret or an assertion into any event', async () => {
    const t = with_({ raiseSuccessEvents: true, raiseFailureEvents: true });
    const assertion = signAssertion({ key }, assertionClaims('pk'));
    const hmacAssertion = signAssertion({ hmac: HMAC }, assertionClaims('cs'));
    const forged = signAssertion({ hmac: WRONG }, assertionClaims('cs'));
    const inputs: RequestInput[] = [
      good,
      bad,
      { headers: { authorization: basicHeader('svc', SECRET) } },
      { headers: { authorization: basicHeader('svc', WRONG) } },
      { headers: { authorization: basicHeader('nobody', WRONG) } },
      { headers: { authorization: basicHeader('svc', SECRET) }, body: { client_id: 'other' } },
      { body: { client_id: 'svc', client_secret: WRONG, client_assertion: assertion } },
      { body: assertionBody(assertion) },
      { body: assertionBody(assertion) }, // replay
      { body: assertionBody(hmacAssertion) },
      { body: assertionBody(forged) },
      { body: assertionBody(assertion, { client_id: 'cs' }) },
    ];
    for (const input of inputs) await run(t, input);
    assert.equal(t.events.length, inputs.length);
    const text = JSON.stringify(t.events);
    for (const needle of [SECRET, WRONG, HMAC, encodeURIComponent(SECRET), Buffer.from(SECRET).toString('base64')]) {
      assert.ok(!text.includes(needle), `events contain ${needle}`);
    }
    for (const jwt of [assertion, hmacAssertion, forged]) {
      for (const part of jwt.split('.')) assert.ok(!text.includes(part), 'events contain part of an assertion');
    }
  });

  it('keeps the failure detail free of the secret for every rejection', async () => {
    const t = with_({ raiseFailureEvents: true });
    const { req, params } = tokenRequest(bad);
    const e = await oauthError(() => authenticateClient(req, params, t.ctx), 'invalid_client');
    assert.ok(!(e.detail ?? '').includes(WRONG));
    assert.ok(!e.message.includes(WRONG));
  });
});
