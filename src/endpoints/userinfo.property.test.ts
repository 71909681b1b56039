import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { startTestServer, type TestServer, webClient } from '../server/test-server.case.js';

describe('the UserInfo endpoint under hostile input', () => {
  let t: TestServer;
  let token: string;
  before(async () => {
    t = await startTestServer([webClient('web', { allowedCorsOrigins: ['https://web.example'] })]);
    token = String((await t.signIn('web')).access_token);
  });
  after(() => t.close());

  it('never answers 5xx, always sends no-store, and a challenge with every 401', async () => {
    const authorization = fc.oneof(
      fc.constant(undefined),
      fc.constant(`Bearer ${token}`),
      fc.constantFrom('Bearer', 'Bearer ', 'bearer x', 'DPoP x', 'Basic eDp5', 'Bearer a.b.c', 'Bearer ==='),
      fc.string({ maxLength: 80 }).map((s) => `Bearer ${s}`),
      fc.string({ maxLength: 80 }),
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.constant(`access_token=${token}`),
      fc
        .array(fc.tuple(fc.constantFrom('access_token', 'x'), fc.string({ maxLength: 40 })), { maxLength: 4 })
        .map((pairs) => new URLSearchParams(pairs).toString()),
      fc.string({ unit: 'binary', maxLength: 100 }),
    );
    const contentType = fc.constantFrom(
      undefined,
      'application/x-www-form-urlencoded',
      'application/json',
      'text/plain',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'OPTIONS', 'DELETE'),
        authorization,
        body,
        contentType,
        fc.string({ maxLength: 20 }),
        async (method, authz, b, type, query) => {
          const headers: Record<string, string> = {};
          if (authz !== undefined) headers.authorization = authz.replace(/[^\t\x20-\x7e]/g, '');
          if (type) headers['content-type'] = type;
          const path = `/connect/userinfo?${encodeURIComponent(query)}`;
          const r = await t.request(method, path, { headers, body: method === 'GET' ? undefined : b });
          assert.ok(r.status < 500, `${method} ${authz} -> ${r.status}`);
          if (r.status !== 204) assert.equal(r.headers.get('cache-control'), 'no-store');
          // RFC 9449 §7.1: a request with the DPoP scheme gets a DPoP challenge.
          if (r.status === 401) assert.match(r.headers.get('www-authenticate') ?? '', /^(Bearer|DPoP)/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
