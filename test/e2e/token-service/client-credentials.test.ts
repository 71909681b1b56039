import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import * as oauth from 'oauth4webapi';
import * as client from 'openid-client';
import { basic, postForm, startServer, type TestServer } from '../support/start-server.js';
import { SECRETS, tokenServiceFixture } from './fixture.js';

describe('client_credentials end to end', () => {
  let server: TestServer;
  let privateKey: CryptoKey;
  let jwks: ReturnType<typeof createRemoteJWKSet>;

  before(async () => {
    const f = await tokenServiceFixture();
    privateKey = f.privateKey;
    server = await startServer(f.options);
    jwks = createRemoteJWKSet(new URL(`${server.issuer}/.well-known/openid-configuration/jwks`));
  });
  after(() => server.close());

  async function configFor(clientId: string, auth: client.ClientAuth): Promise<client.Configuration> {
    return client.discovery(new URL(server.issuer), clientId, undefined, auth, {
      execute: [client.allowInsecureRequests],
    });
  }

  async function verifyAccessToken(token: string, audience: string) {
    return jwtVerify(token, jwks, { issuer: server.issuer, audience, typ: 'at+jwt' });
  }

  it('serves discovery at both well-known paths and oauth4webapi accepts it', async () => {
    const issuer = new URL(server.issuer);
    const res = await oauth.discoveryRequest(issuer, { [oauth.allowInsecureRequests]: true });
    const as = await oauth.processDiscoveryResponse(issuer, res);
    assert.equal(as.token_endpoint, `${server.issuer}/connect/token`);
    assert.equal(as.jwks_uri, `${server.issuer}/.well-known/openid-configuration/jwks`);
    assert.equal(as.introspection_endpoint, `${server.issuer}/connect/introspect`);
    assert.equal(as.revocation_endpoint, `${server.issuer}/connect/revocation`);
    assert.ok(as.grant_types_supported?.includes('client_credentials'));
    const rfc8414 = await oauth.discoveryRequest(issuer, {
      algorithm: 'oauth2',
      [oauth.allowInsecureRequests]: true,
    });
    const meta = await oauth.processDiscoveryResponse(issuer, rfc8414);
    assert.equal(meta.issuer, server.issuer);
  });

  it('issues an ES256-verifiable RFC 9068 JWT to a client_secret_basic client', async () => {
    const config = await configFor('svc-basic', client.ClientSecretBasic(SECRETS.basic));
    const tokens = await client.clientCredentialsGrant(config, { scope: 'orders.read' });
    assert.equal(tokens.token_type.toLowerCase(), 'bearer');
    assert.equal(tokens.scope, 'orders.read');
    const { payload, protectedHeader } = await verifyAccessToken(tokens.access_token, 'orders');
    assert.equal(protectedHeader.typ, 'at+jwt');
    assert.equal(payload.client_id, 'svc-basic');
    assert.equal(payload.sub, 'svc-basic');
    assert.deepEqual(payload.scope, ['orders.read']);
    assert.equal(payload.client_tenant, 'acme');
    assert.equal(typeof payload.jti, 'string');
    assert.equal(payload.exp, (payload.iat as number) + 3600);
  });

  it('signs with RS256 for a client that only allows RS256', async () => {
    const config = await configFor('svc-post', client.ClientSecretPost(SECRETS.post));
    const tokens = await client.clientCredentialsGrant(config, { scope: 'orders.read' });
    assert.equal(decodeProtectedHeader(tokens.access_token).alg, 'RS256');
    await verifyAccessToken(tokens.access_token, 'orders');
  });

  it('authenticates private_key_jwt and client_secret_jwt clients with openid-client', async () => {
    for (const [id, auth] of [
      ['svc-pkjwt', client.PrivateKeyJwt(privateKey)],
      ['svc-sjwt', client.ClientSecretJwt(SECRETS.hmac)],
    ] as const) {
      const config = await configFor(id, auth);
      const tokens = await client.clientCredentialsGrant(config, { scope: 'orders.read' });
      const { payload } = await verifyAccessToken(tokens.access_token, 'orders');
      assert.equal(payload.client_id, id);
    }
  });

  it('selects the audience with a resource indicator (RFC 8707)', async () => {
    const config = await configFor('svc-basic', client.ClientSecretBasic(SECRETS.basic));
    const both = await client.clientCredentialsGrant(config, { scope: 'orders.read billing.read' });
    const all = await verifyAccessToken(both.access_token, 'orders');
    assert.deepEqual(all.payload.aud, ['orders', 'billing']);
    const narrowed = await client.clientCredentialsGrant(config, {
      scope: 'orders.read billing.read',
      resource: 'billing',
    });
    const one = await verifyAccessToken(narrowed.access_token, 'billing');
    assert.equal(one.payload.aud, 'billing');
    assert.deepEqual(one.payload.scope, ['billing.read']);
  });

  it('answers invalid_scope for a scope the client may not request, and invalid_target for an unknown resource', async () => {
    const url = `${server.issuer}/connect/token`;
    const auth = { client_id: 'svc-post', client_secret: SECRETS.post };
    const scope = await postForm(url, { grant_type: 'client_credentials', scope: 'billing.read', ...auth });
    assert.equal(scope.status, 400);
    assert.equal(scope.body.error, 'invalid_scope');
    const target = await postForm(url, {
      grant_type: 'client_credentials',
      scope: 'orders.read',
      resource: 'https://nope.example',
      ...auth,
    });
    assert.equal(target.status, 400);
    assert.equal(target.body.error, 'invalid_target');
  });

  it('issues a 256-bit reference token stored only as a hash, introspects it as the API and revokes it', async () => {
    const config = await configFor('svc-ref', client.ClientSecretBasic(SECRETS.reference));
    const tokens = await client.clientCredentialsGrant(config, { scope: 'orders.read' });
    const handle = tokens.access_token;
    assert.match(handle, /^[A-Za-z0-9_-]{43}$/);
    const stored = await server.sigil.stores.grants.list({ clientId: 'svc-ref' });
    assert.ok(stored.length >= 1);
    for (const g of stored) {
      assert.notEqual(g.key, handle);
      assert.ok(!g.data.includes(handle));
    }

    const api = await configFor('orders', client.ClientSecretBasic(SECRETS.ordersApi));
    const active = await client.tokenIntrospection(api, handle);
    assert.equal(active.active, true);
    assert.equal(active.client_id, 'svc-ref');
    assert.equal(active.scope, 'orders.read');

    const foreignApi = await configFor('billing', client.ClientSecretBasic(SECRETS.billingApi));
    assert.equal((await client.tokenIntrospection(foreignApi, handle)).active, false);

    const own = await client.tokenIntrospection(config, handle);
    assert.equal(own.active, true);

    const other = await postForm(
      `${server.issuer}/connect/revocation`,
      { token: handle },
      { authorization: basic('svc-basic', SECRETS.basic) },
    );
    assert.equal(other.status, 400);
    assert.equal((await client.tokenIntrospection(api, handle)).active, true);

    await client.tokenRevocation(config, handle);
    assert.equal((await client.tokenIntrospection(api, handle)).active, false);
  });

  it('introspects JWT access tokens for their audience only and answers inactive for garbage', async () => {
    const config = await configFor('svc-basic', client.ClientSecretBasic(SECRETS.basic));
    const tokens = await client.clientCredentialsGrant(config, { scope: 'orders.read' });
    const api = await configFor('orders', client.ClientSecretBasic(SECRETS.ordersApi));
    const r = await client.tokenIntrospection(api, tokens.access_token);
    assert.equal(r.active, true);
    assert.equal(r.scope, 'orders.read');
    assert.equal(r.token_type, 'Bearer');
    const foreign = await configFor('billing', client.ClientSecretBasic(SECRETS.billingApi));
    assert.equal((await client.tokenIntrospection(foreign, tokens.access_token)).active, false);
    for (const junk of ['x', `${tokens.access_token}x`, 'a.b.c', 'A'.repeat(43)]) {
      assert.equal((await client.tokenIntrospection(api, junk)).active, false, junk);
    }
  });

  it('answers 200 to revocation of an unknown token', async () => {
    const res = await postForm(
      `${server.issuer}/connect/revocation`,
      { token: 'unknown-token' },
      { authorization: basic('svc-ref', SECRETS.reference) },
    );
    assert.equal(res.status, 200);
  });
});
