import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { basic, postForm, startServer, type TestServer } from '../support/start-server.js';
import { SECRETS, tokenServiceFixture } from './fixture.js';

const ENDPOINTS = [
  '/connect/token',
  '/connect/introspect',
  '/connect/revocation',
  '/.well-known/openid-configuration',
  '/.well-known/oauth-authorization-server',
  '/.well-known/openid-configuration/jwks',
];

/** A raw request, so that bodies, methods and headers can be anything. */
function raw(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    // Without a length, node's client sends GET/HEAD bodies unframed, which is not HTTP at all.
    const framed = body === undefined || headers['transfer-encoding'] !== undefined;
    const length = framed ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    // A fresh connection per request: several cases make the server close the connection early.
    const req = httpRequest(url, { method, agent: false, headers: { ...length, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function assertOAuthError(r: { status: number; text: string }, status: number, error: string): void {
  assert.equal(r.status, status, r.text);
  const body = JSON.parse(r.text) as { error: string; error_description: string };
  assert.equal(body.error, error);
  assert.equal(typeof body.error_description, 'string');
}

describe('hostile input against the token service', () => {
  let server: TestServer;
  let token: string;
  before(async () => {
    server = await startServer({ ...(await tokenServiceFixture()).options, maxBodySize: 16 * 1024 });
    token = `${server.issuer}/connect/token`;
  });
  after(() => server.close());
  const auth = () => ({ authorization: basic('svc-basic', SECRETS.basic) });

  it('answers 405 with Allow for wrong methods', async () => {
    for (const path of ['/connect/token', '/connect/introspect', '/connect/revocation']) {
      const r = await raw(server.issuer + path, 'GET', {});
      assertOAuthError(r, 405, 'invalid_request');
      assert.equal(r.headers.allow, 'POST');
    }
    const d = await raw(`${server.issuer}/.well-known/openid-configuration`, 'POST', {}, '');
    assert.equal(d.status, 405);
  });

  it('rejects non-form bodies: 400 at the token endpoint, 415 at introspection and revocation', async () => {
    const json = { 'content-type': 'application/json', ...auth() };
    assertOAuthError(await raw(token, 'POST', json, '{"grant_type":"client_credentials"}'), 400, 'invalid_request');
    for (const path of ['/connect/introspect', '/connect/revocation']) {
      assertOAuthError(await raw(server.issuer + path, 'POST', json, '{}'), 415, 'invalid_request');
    }
    assertOAuthError(await raw(token, 'POST', auth(), 'grant_type=client_credentials'), 400, 'invalid_request');
  });

  it('answers 413 for an oversized body, declared or streamed', async () => {
    const big = `grant_type=client_credentials&x=${'a'.repeat(20 * 1024)}`;
    const form = { 'content-type': 'application/x-www-form-urlencoded', ...auth() };
    assertOAuthError(await raw(token, 'POST', form, big), 413, 'invalid_request');
    const chunked = await raw(token, 'POST', { ...form, 'transfer-encoding': 'chunked' }, big);
    assert.equal(chunked.status, 413);
  });

  it('rejects repeated parameters with invalid_request naming the parameter', async () => {
    const r = await postForm(token, { grant_type: ['client_credentials', 'client_credentials'] }, auth());
    assert.equal(r.status, 400);
    assert.equal(r.body.error, 'invalid_request');
    assert.match(String(r.body.error_description), /"grant_type"/);
    const scope = await postForm(
      token,
      { grant_type: 'client_credentials', scope: ['orders.read', 'billing.read'] },
      auth(),
    );
    assert.equal(scope.body.error, 'invalid_request');
  });

  it('answers unsupported_grant_type for unknown or missing grant types, and unauthorized_client for disallowed ones', async () => {
    const unknown = await postForm(token, { grant_type: 'urn:example:nope' }, auth());
    assert.equal(unknown.body.error, 'unsupported_grant_type');
    const missing = await postForm(token, {}, auth());
    assert.equal(missing.body.error, 'unsupported_grant_type');
    const refresh = await postForm(token, { grant_type: 'refresh_token', refresh_token: 'x' }, auth());
    assert.ok(['unsupported_grant_type', 'unauthorized_client'].includes(String(refresh.body.error)));
  });

  it('answers 401 invalid_client with a Basic challenge for wrong Basic credentials, and 400 without it otherwise', async () => {
    const r = await postForm(
      token,
      { grant_type: 'client_credentials' },
      { authorization: basic('svc-basic', 'wrong') },
    );
    assert.equal(r.status, 401);
    assert.equal(r.body.error, 'invalid_client');
    assert.match(r.headers.get('www-authenticate') ?? '', /^Basic/);
    const post = await postForm(token, {
      grant_type: 'client_credentials',
      client_id: 'svc-post',
      client_secret: 'wrong',
    });
    assert.equal(post.status, 400);
    assert.equal(post.body.error, 'invalid_client');
    assert.equal(post.headers.get('www-authenticate'), null);
    const unknown = await postForm(token, {
      grant_type: 'client_credentials',
      client_id: 'nobody',
      client_secret: 'x',
    });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error_description, post.body.error_description);
  });

  it('never lets a public request reach client_credentials and sends no-store on every answer', async () => {
    const r = await postForm(token, { grant_type: 'client_credentials', client_id: 'svc-basic' });
    assert.equal(r.body.error, 'invalid_client');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const ok = await postForm(token, { grant_type: 'client_credentials' }, auth());
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
  });

  it('answers 404 JSON for unknown paths', async () => {
    const r = await raw(`${server.issuer}/connect/nope`, 'GET', {});
    assertOAuthError(r, 404, 'not_found');
  });

  it('survives a fuzz loop of random requests against every endpoint without a 5xx', async () => {
    const methods = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH');
    const names = fc.constantFrom(
      'grant_type',
      'client_id',
      'client_secret',
      'scope',
      'resource',
      'token',
      'token_type_hint',
      'client_assertion',
      'client_assertion_type',
      'x',
    );
    const values = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(
        'client_credentials',
        'svc-basic',
        'orders.read',
        'a.b.c',
        'eyJhbGciOiJub25lIn0.e30.',
        '%00',
        '\uD800',
      ),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    const form = fc.array(fc.tuple(names, values), { maxLength: 8 });
    const body = fc.oneof(
      form.map((pairs) => new URLSearchParams(pairs).toString()),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
      fc.string({ maxLength: 300 }),
    );
    const contentType = fc.constantFrom(
      'application/x-www-form-urlencoded',
      'application/x-www-form-urlencoded; charset=utf-8',
      'application/json',
      'text/plain',
      'multipart/form-data; boundary=x',
      '',
    );
    const authorization = fc.oneof(
      fc.constant(''),
      fc.constant(basic('svc-basic', SECRETS.basic)),
      fc.constant(basic('orders', SECRETS.ordersApi)),
      fc.string({ maxLength: 60 }).map((s) => `Basic ${s}`),
      fc.string({ maxLength: 60 }).map((s) => `Basic ${Buffer.from(s).toString('base64')}`),
      fc.string({ maxLength: 60 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        methods,
        body,
        contentType,
        authorization,
        fc.string({ maxLength: 30 }).map((q) => encodeURIComponent(q)),
        async (path, method, b, type, authz, query) => {
          const headers: Record<string, string> = {};
          if (type) headers['content-type'] = type;
          if (authz) headers.authorization = authz.replace(/[^\t\x20-\x7e]/g, '');
          const r = await raw(`${server.issuer}${path}?${query}`, method, headers, b);
          assert.ok(r.status < 500, `${method} ${path} -> ${r.status} ${r.text}`);
          if (r.text && method !== 'HEAD') JSON.parse(r.text);
        },
      ),
      { numRuns: 400 },
    );
  });
});
