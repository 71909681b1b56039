import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SigilEvent } from '../../../src/events/types.js';
import { basic, postForm, startServer, type TestServer } from '../support/start-server.js';
import { SECRETS, tokenServiceFixture } from './fixture.js';

describe('token service events', () => {
  let server: TestServer;
  const events: SigilEvent[] = [];
  before(async () => {
    server = await startServer({
      ...(await tokenServiceFixture()).options,
      events: { raiseSuccessEvents: true, raiseFailureEvents: true, raiseErrorEvents: true },
      eventSink: (e) => {
        events.push(e);
      },
    });
  });
  after(() => server.close());
  const names = () => events.map((e) => e.name);

  it('raises typed success events with masked tokens and never a secret', async () => {
    events.length = 0;
    const issued = await postForm(
      `${server.issuer}/connect/token`,
      { grant_type: 'client_credentials', scope: 'orders.read' },
      { authorization: basic('svc-ref', SECRETS.reference) },
    );
    const token = issued.body.access_token as string;
    await postForm(
      `${server.issuer}/connect/introspect`,
      { token },
      { authorization: basic('orders', SECRETS.ordersApi) },
    );
    await postForm(
      `${server.issuer}/connect/revocation`,
      { token },
      { authorization: basic('svc-ref', SECRETS.reference) },
    );
    for (const n of [
      'ClientAuthenticationSuccess',
      'TokenIssuedSuccess',
      'ApiAuthenticationSuccess',
      'TokenIntrospectionSuccess',
      'TokenRevokedSuccess',
    ])
      assert.ok(names().includes(n as never), `${n} in ${names()}`);
    const text = JSON.stringify(events);
    assert.ok(!text.includes(token), 'the token appears unmasked');
    assert.ok(!text.includes(SECRETS.reference) && !text.includes(SECRETS.ordersApi), 'a secret appears');
    const issuedEvent = events.find((e) => e.name === 'TokenIssuedSuccess') as Extract<
      SigilEvent,
      { name: 'TokenIssuedSuccess' }
    >;
    assert.equal(issuedEvent.tokens[0]!.tokenValue, `****${token.slice(-4)}`);
    // Every event names its request: the two events of the token request share an activity id,
    // and the next request has another one.
    const auth = events.find((e) => e.name === 'ClientAuthenticationSuccess')!;
    const introspected = events.find((e) => e.name === 'TokenIntrospectionSuccess')!;
    assert.match(auth.activityId ?? '', /^[0-9a-z]{6}-[0-9a-z]+$/);
    assert.equal(issuedEvent.activityId, auth.activityId);
    assert.notEqual(introspected.activityId, auth.activityId);
  });

  it('raises failure events for bad client credentials, a bad token request and a malformed introspection', async () => {
    events.length = 0;
    await postForm(
      `${server.issuer}/connect/token`,
      { grant_type: 'client_credentials' },
      { authorization: basic('svc-basic', 'wrong') },
    );
    await postForm(
      `${server.issuer}/connect/token`,
      { grant_type: 'client_credentials', scope: 'nope' },
      { authorization: basic('svc-basic', SECRETS.basic) },
    );
    await postForm(`${server.issuer}/connect/introspect`, {}, { authorization: basic('orders', SECRETS.ordersApi) });
    for (const n of ['ClientAuthenticationFailure', 'TokenIssuedFailure', 'TokenIntrospectionFailure'])
      assert.ok(names().includes(n as never), `${n} in ${names()}`);
    assert.ok(!JSON.stringify(events).includes('wrong'), 'the presented secret appears');
  });
});
