import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import Koa, { type Middleware } from 'koa';
import * as client from 'openid-client';
import {
  type AdapterHarness,
  assertSigilError,
  BASIC,
  clientCredentials,
  type Mounted,
  mountSigil,
  post,
  runAdapterContract,
} from './adapter-contract.case.js';
import { sigilKoa } from './koa.js';

/** What koa-mount does: strip the prefix from `ctx.path` for the inner middleware, and restore it. */
function mountAt(prefix: string, inner: Middleware): Middleware {
  return async (ctx, next) => {
    const path = ctx.path;
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return next();
    ctx.path = path.slice(prefix.length) || '/';
    try {
      await inner(ctx, async () => {
        ctx.path = path;
        await next();
      });
    } finally {
      ctx.path = path;
    }
  };
}

function readText(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A body parser in the manner of `@koa/bodyparser`: `rawBody` keeps the text, `body` the parsed form. */
function formParser(keepRaw: boolean): Middleware {
  return async (ctx, next) => {
    if (ctx.is('application/x-www-form-urlencoded')) {
      const text = await readText(ctx.req);
      const body: Record<string, string | string[]> = {};
      for (const [k, v] of new URLSearchParams(text)) {
        const prev = body[k];
        body[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      Object.assign(ctx.request, keepRaw ? { body, rawBody: text } : { body });
    }
    await next();
  };
}

function koaApp(options: { strip?: boolean; before?: Middleware[] } = {}): AdapterHarness['build'] {
  return async (sigil, mount, http) => {
    const app = new Koa();
    for (const mw of options.before ?? []) app.use(mw);
    const middleware: Middleware = sigilKoa(sigil);
    app.use(options.strip && mount ? mountAt(mount, middleware) : middleware);
    app.use(async (ctx, next) => {
      if (ctx.method === 'GET' && ctx.path === '/app/ping') ctx.body = 'pong';
      else if (ctx.method === 'POST' && ctx.path === '/app/echo') ctx.body = JSON.parse(await readText(ctx.req));
      else if (ctx.method === 'GET' && ctx.path === `${mount}/extra`) ctx.body = 'extra';
      else await next();
    });
    http.on('request', app.callback());
  };
}

runAdapterContract('Koa', { build: koaApp() });
runAdapterContract('Koa under a koa-mount style prefix', { build: koaApp({ strip: true }) });

describe('Koa after a body parser', () => {
  for (const keepRaw of [true, false]) {
    describe(keepRaw ? 'that keeps ctx.request.rawBody' : 'that leaves only ctx.request.body', () => {
      let app: Mounted;
      before(async () => {
        app = await mountSigil(koaApp({ before: [formParser(keepRaw)] }), '/auth');
      });
      after(() => app.close());

      it('still issues tokens', async () => {
        await clientCredentials(app.issuer, 'svc-basic', client.ClientSecretBasic('basic-secret'));
        await clientCredentials(app.issuer, 'svc-post', client.ClientSecretPost('post-secret'));
      });

      it('still rejects repeated parameters with invalid_request', async () => {
        const r = await post(`${app.issuer}/connect/token`, 'grant_type=client_credentials&scope=a&scope=b', {
          authorization: BASIC,
        });
        assertSigilError(r, 400);
        assert.match(JSON.parse(r.text).error_description, /"scope" must not be repeated/);
      });
    });
  }
});

describe('Koa middleware upstream of Sigil', () => {
  const seen: number[] = [];
  let app: Mounted;
  before(async () => {
    const logStatus: Middleware = async (ctx, next) => {
      await next();
      seen.push(ctx.status);
    };
    app = await mountSigil(koaApp({ before: [logStatus] }), '/auth');
  });
  after(() => app.close());

  it("resumes after Sigil's answer is written, and reads its status", async () => {
    await clientCredentials(app.issuer, 'svc-basic', client.ClientSecretBasic('basic-secret'));
    await post(`${app.issuer}/connect/token`, 'grant_type=client_credentials');
    assert.deepEqual(seen.slice(-2), [200, 400]);
  });
});
