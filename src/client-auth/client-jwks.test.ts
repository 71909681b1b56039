import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertionBody, assertionClaims, signAssertion, type TestKey, testKey } from './assertion.case.js';
import { authenticateClient } from './authenticate-client.js';
import { JWKS_CACHE_TTL, JWKS_MAX_STALE, JWKS_MIN_REFETCH_INTERVAL } from './client-jwks.js';
import { type JwksServer, json, startJwksServer } from './jwks-server.case.js';
import { createTestContext, oauthError, type TestContext, tokenRequest } from './test-context.case.js';

// private_key_jwt with keys from the client's jwks_uri (RFC 7591 §2), served by a real local server.
const a = testKey('ec', 'key-a');
const b = testKey('ec', 'key-b');
let server: JwksServer;
before(async () => {
  server = await startJwksServer(json({ keys: [a.publicJwk] }));
});
after(() => server.close());

let n = 0;
/** A fresh context (hence a fresh JWKS cache) whose client reads keys from a fresh path. */
function setup(): TestContext & { path: string } {
  const path = `/jwks-${++n}`;
  const t = createTestContext({
    clients: [
      {
        clientId: 'remote',
        tokenEndpointAuthMethod: 'private_key_jwt',
        jwksUri: `${server.origin}${path}`,
        allowedGrantTypes: ['client_credentials'],
      },
    ],
  });
  return { ...t, path };
}
function send(t: TestContext, key: TestKey, kid = key.kid) {
  const claims = assertionClaims('remote', {}, t.clock.now);
  const { req, params } = tokenRequest({ body: assertionBody(signAssertion({ key }, claims, { kid })) });
  return authenticateClient(req, params, t.ctx);
}

describe('private_key_jwt with jwks_uri', () => {
  it('authenticates with a key fetched from jwks_uri and caches the set', async () => {
    server.handle(json({ keys: [a.publicJwk] }));
    const t = setup();
    assert.equal((await send(t, a)).method, 'private_key_jwt');
    await send(t, a);
    t.clock.now += JWKS_CACHE_TTL - 1;
    await send(t, a);
    assert.equal(server.hits.get(t.path), 1);
    t.clock.now += 1;
    await send(t, a);
    assert.equal(server.hits.get(t.path), 2);
  });

  it('fetches once for concurrent first requests', async () => {
    server.handle(json({ keys: [a.publicJwk] }));
    const t = setup();
    const results = await Promise.all(Array.from({ length: 10 }, () => send(t, a)));
    assert.equal(results.length, 10);
    assert.equal(server.hits.get(t.path), 1);
  });

  it('refetches once for an unknown kid after rotation, but not more often than the limit', async () => {
    server.handle(json({ keys: [a.publicJwk] }));
    const t = setup();
    await send(t, a);
    server.handle(json({ keys: [a.publicJwk, b.publicJwk] }));
    // Within the minimum interval an unknown kid does not cause a fetch.
    await oauthError(() => send(t, b), 'invalid_client');
    assert.equal(server.hits.get(t.path), 1);
    t.clock.now += JWKS_MIN_REFETCH_INTERVAL;
    assert.equal((await send(t, b)).client.clientId, 'remote');
    assert.equal(server.hits.get(t.path), 2);
    // Forged kids right after do not turn Sigil into a request amplifier.
    t.clock.now += 1;
    for (let i = 0; i < 5; i++) await oauthError(() => send(t, a, `forged-${i}`), 'invalid_client');
    assert.equal(server.hits.get(t.path), 2);
    t.clock.now += JWKS_MIN_REFETCH_INTERVAL;
    await oauthError(() => send(t, a, 'forged-late'), 'invalid_client');
    assert.equal(server.hits.get(t.path), 3);
  });

  it('keeps using the last set while jwks_uri fails, but never beyond the maximum staleness', async () => {
    server.handle(json({ keys: [a.publicJwk] }));
    const t = setup();
    const start = t.clock.now;
    await send(t, a);
    server.handle((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    t.clock.now = start + JWKS_CACHE_TTL;
    await send(t, a);
    assert.equal(server.hits.get(t.path), 2);
    t.clock.now = start + JWKS_MAX_STALE;
    const e = await oauthError(() => send(t, a), 'invalid_client');
    assert.match(e.detail ?? '', /answered 500/);
  });

  it('rejects an assertion signed with a fetched RSA key shorter than 2048 bits', async () => {
    const weak = testKey('rsa1024', 'weak');
    server.handle(json({ keys: [weak.publicJwk] }));
    const e = await oauthError(() => send(setup(), weak), 'invalid_client');
    assert.match(e.detail ?? '', /does not verify/);
  });

  it('rejects cleanly when jwks_uri redirects, without following', async () => {
    server.handle((req, res) => {
      if (req.url === '/moved') return json({ keys: [a.publicJwk] })(req, res);
      res.writeHead(307, { location: `${server.origin}/moved` });
      res.end();
    });
    const t = setup();
    const e = await oauthError(() => send(t, a), 'invalid_client');
    assert.match(e.detail ?? '', /redirects are refused/);
    assert.equal(server.hits.get('/moved'), undefined);
  });

  it('rejects cleanly when jwks_uri answers an error status', async () => {
    server.handle((_req, res) => {
      res.writeHead(404);
      res.end('not found');
    });
    const e = await oauthError(() => send(setup(), a), 'invalid_client');
    assert.match(e.detail ?? '', /answered 404/);
  });

  it('rejects cleanly when the JWK Set is larger than 64 KiB', async () => {
    const padded = { keys: [a.publicJwk], pad: 'x'.repeat(70 * 1024) };
    server.handle(json(padded));
    const e = await oauthError(() => send(setup(), a), 'invalid_client');
    assert.match(e.detail ?? '', /exceeds 65536/);
  });

  it('rejects cleanly when jwks_uri never answers (3 s deadline)', async () => {
    server.handle(() => {});
    const e = await oauthError(() => send(setup(), a), 'invalid_client');
    assert.match(e.detail ?? '', /TimeoutError|timed out/);
  });
});
