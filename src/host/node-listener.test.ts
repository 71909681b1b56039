import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createIdentityServer } from '../server/create-identity-server.js';
import type { IdentityServer } from '../server/types.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the node:http listener', () => {
  let http: Server;
  let base: string;
  let sigil: IdentityServer;
  let route: RequestListener = () => undefined;

  before(async () => {
    http = createServer((req, res) => route(req, res));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    sigil = await createIdentityServer({
      issuer: `${base}/auth`,
      store: { type: 'memory' },
      logger: pino({ level: 'silent' }),
      dataProtection: { masterKey: Buffer.alloc(32, 7).toString('base64') },
      maxBodySize: 1024,
      backgroundJobs: false,
    });
  });
  after(async () => {
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    await sigil.close();
  });

  it('calls next synchronously for an unknown path and leaves its body unread', async () => {
    route = (req, res) => {
      let called = false;
      sigil.handler(req, res, () => {
        called = true;
      });
      assert.equal(called, true);
      readAll(req).then((body) => res.end(`echo:${body}`));
    };
    const r = await fetch(`${base}/auth/not-sigil`, { method: 'POST', headers: FORM, body: 'a=1&a=2' });
    assert.equal(await r.text(), 'echo:a=1&a=2');
  });

  it('answers 404 JSON for an unknown path without next', async () => {
    route = (req, res) => sigil.handler(req, res);
    const r = await fetch(`${base}/auth/nope`, { method: 'POST', headers: FORM, body: 'x=1' });
    assert.equal(r.status, 404);
    assert.equal(((await r.json()) as { error: string }).error, 'not_found');
  });

  it('answers server_error instead of waiting forever when a middleware already read the stream', async () => {
    route = (req, res) => void readAll(req).then(() => sigil.handler(req, res));
    const r = await fetch(`${base}/auth/connect/token`, { method: 'POST', headers: FORM, body: 'grant_type=x' });
    assert.equal(r.status, 500);
    const body = (await r.json()) as { error: string; error_description: string };
    assert.equal(body.error, 'server_error');
    assert.match(body.error_description, /read by another middleware/);
  });

  it('uses req.rawBody, rejecting one larger than maxBodySize with 413', async () => {
    route = (req, res) =>
      void readAll(req).then((text) => {
        (req as IncomingMessage & { rawBody?: Buffer }).rawBody = Buffer.from(text);
        sigil.handler(req, res as ServerResponse);
      });
    const small = await fetch(`${base}/auth/connect/token`, {
      method: 'POST',
      headers: FORM,
      body: 'client_id=a&client_id=b',
    });
    assert.equal(small.status, 400);
    assert.match(((await small.json()) as { error_description: string }).error_description, /must not be repeated/);
    const big = await fetch(`${base}/auth/connect/token`, {
      method: 'POST',
      headers: FORM,
      body: chunked(`x=${'y'.repeat(2000)}`),
      duplex: 'half',
    } as RequestInit);
    assert.equal(big.status, 413);
  });
});

describe('the fetch handler', () => {
  let sigil: IdentityServer;
  const issuer = 'http://sigil.test/auth';
  before(async () => {
    sigil = await createIdentityServer({
      issuer,
      store: { type: 'memory' },
      logger: pino({ level: 'silent' }),
      dataProtection: { masterKey: Buffer.alloc(32, 7).toString('base64') },
      maxBodySize: 1024,
      backgroundJobs: false,
    });
  });
  after(() => sigil.close());

  it('calls onNotFound before reading the body', async () => {
    const request = new Request(`${issuer}/elsewhere`, { method: 'POST', headers: FORM, body: 'keep=me' });
    const r = await sigil.fetch(request, async () => new Response(await request.text()));
    assert.equal(await r.text(), 'keep=me');
  });

  it('stops reading a body without Content-Length at the limit with 413', async () => {
    const request = new Request(`${issuer}/connect/token`, {
      method: 'POST',
      headers: FORM,
      body: chunked(`x=${'y'.repeat(4000)}`),
      duplex: 'half',
    } as RequestInit);
    const r = await sigil.fetch(request);
    assert.equal(r.status, 413);
    assert.equal(((await r.json()) as { error: string }).error, 'invalid_request');
  });

  it('answers server_error JSON when the body was already read', async () => {
    const request = new Request(`${issuer}/connect/token`, { method: 'POST', headers: FORM, body: 'a=1' });
    await request.text();
    const r = await sigil.fetch(request);
    assert.equal(r.status, 500);
    assert.equal(((await r.json()) as { error: string }).error, 'server_error');
  });
});

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A body stream, so that no Content-Length is sent. */
function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 512) controller.enqueue(bytes.subarray(i, i + 512));
      controller.close();
    },
  });
}
