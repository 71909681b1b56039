import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_JWKS_FETCH_LIMITS, fetchJwks } from './fetch-jwks.js';
import { type JwksServer, json, startJwksServer } from './jwks-server.case.js';

// RFC 7591 §2 jwks_uri, fetched with a deadline, a size cap and no redirects (SSRF hygiene).
const KEY = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1' };
// A generous deadline for answers that arrive (a busy machine must not fail them), a short one
// where the server stays silent on purpose.
const limits = { timeoutMs: 10_000, maxBytes: 1024 };
const short = { timeoutMs: 300, maxBytes: 1024 };
let server: JwksServer;
before(async () => {
  server = await startJwksServer(json({ keys: [KEY] }));
});
after(() => server.close());

async function fails(path: string, message: RegExp, l = limits): Promise<void> {
  await assert.rejects(fetchJwks(`${server.origin}${path}`, l), (e: unknown) => {
    assert.ok(e instanceof Error);
    assert.match(e.message, message);
    return true;
  });
}

describe('fetchJwks', () => {
  it('returns the keys of a JWK Set', async () => {
    server.handle(json({ keys: [KEY, 'junk', null, [1]] }));
    assert.deepEqual(await fetchJwks(`${server.origin}/ok`, limits), { keys: [KEY] });
  });

  it('has documented defaults of 3 s and 64 KiB', () => {
    assert.deepEqual(DEFAULT_JWKS_FETCH_LIMITS, { timeoutMs: 3000, maxBytes: 65536 });
  });

  it('does not follow a redirect', async () => {
    server.handle((req, res) => {
      if (req.url === '/target') return json({ keys: [KEY] })(req, res);
      res.writeHead(302, { location: `${server.origin}/target` });
      res.end();
    });
    await fails('/redirect', /answered 302 \(redirects are refused\)/);
    assert.equal(server.hits.get('/target'), undefined);
  });

  for (const status of [201, 204, 304, 404, 500]) {
    it(`rejects a ${status} answer`, async () => {
      server.handle((_req, res) => {
        res.writeHead(status);
        res.end();
      });
      await fails(`/status-${status}`, new RegExp(`answered ${status}`));
    });
  }

  it('rejects a body whose declared length exceeds the cap', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-length': String(limits.maxBytes + 1) });
      res.end('x'.repeat(limits.maxBytes + 1));
    });
    await fails('/declared', /body of 1025 bytes exceeds 1024/);
  });

  it('rejects a chunked body that grows beyond the cap', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      for (let i = 0; i < 20; i++) res.write('{"pad":"' + 'x'.repeat(100) + '"}');
      res.end();
    });
    await fails('/chunked', /body exceeds 1024 bytes/);
  });

  it('times out when the server never answers', async () => {
    server.handle(() => {});
    await fails('/silent', /TimeoutError|timed out/, short);
  });

  it('times out when the body never ends', async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys":[');
    });
    await fails('/stalled', /timed out/, short);
  });

  it('rejects a body that is not JSON or has no keys array', async () => {
    server.handle((_req, res) => res.end('<html>'));
    await fails('/html', /not JSON/);
    server.handle(json({ keys: {} }));
    await fails('/nokeys', /no "keys" array/);
    server.handle(json(null));
    await fails('/null', /no "keys" array/);
  });

  it('refuses a non-http URL', async () => {
    await assert.rejects(fetchJwks('file:///etc/passwd', limits), /not http/);
  });

  it('fails with an Error when the server is gone', async () => {
    const gone = await startJwksServer(json({}));
    const url = `${gone.origin}/jwks`;
    await gone.close();
    await assert.rejects(fetchJwks(url, limits), /fetch failed/);
  });
});
