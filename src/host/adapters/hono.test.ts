import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
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
import { sigilHono } from './hono.js';

function ownRoutes(app: Hono, mount: string): void {
  app.get('/app/ping', (c) => c.text('pong'));
  app.post('/app/echo', async (c) => c.json(await c.req.json()));
  app.get(`${mount}/extra`, (c) => c.text('extra'));
}

function honoApp(before: MiddlewareHandler[] = []): AdapterHarness['build'] {
  return async (sigil, mount, http) => {
    const app = new Hono();
    for (const mw of before) app.use(mw);
    if (mount) app.use(`${mount}/*`, sigilHono(sigil));
    else app.use(sigilHono(sigil));
    ownRoutes(app, mount);
    http.on('request', getRequestListener(app.fetch));
  };
}

/** The sub-application form: `app.route(mount, new Hono().use(sigilHono(sigil)))`. */
const routed: AdapterHarness['build'] = async (sigil, mount, http) => {
  const app = new Hono();
  const sub = new Hono().use(sigilHono(sigil));
  app.route(mount || '/', sub);
  ownRoutes(app, mount);
  http.on('request', getRequestListener(app.fetch));
};

runAdapterContract('Hono', { build: honoApp() });
runAdapterContract('Hono as a routed sub-application', { build: routed });

describe('Hono after a middleware that read the body', () => {
  const readers: [string, MiddlewareHandler][] = [
    [
      'c.req.parseBody()',
      async (c, next) => {
        if (c.req.method === 'POST') await c.req.parseBody();
        await next();
      },
    ],
    [
      'c.req.text()',
      async (c, next) => {
        if (c.req.method === 'POST') await c.req.text();
        await next();
      },
    ],
  ];
  for (const [name, reader] of readers) {
    describe(name, () => {
      let app: Mounted;
      before(async () => {
        app = await mountSigil(honoApp([reader]), '/auth');
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

  describe('c.req.formData() alone', () => {
    let app: Mounted;
    before(async () => {
      const reader: MiddlewareHandler = async (c, next) => {
        if (c.req.method === 'POST') await c.req.formData();
        await next();
      };
      app = await mountSigil(honoApp([reader]), '/auth');
    });
    after(() => app.close());

    it('answers server_error JSON: the bytes cannot be recovered from FormData', async () => {
      const r = await post(`${app.issuer}/connect/token`, 'grant_type=client_credentials', { authorization: BASIC });
      assertSigilError(r, 500);
    });
  });
});

describe("Hono's app.mount with the server's own fetch handler", () => {
  let app: Mounted;
  before(async () => {
    app = await mountSigil(async (sigil, mount, http) => {
      const hono = new Hono();
      hono.mount(mount, (request) => sigil.fetch(request));
      hono.get('/app/ping', (c) => c.text('pong'));
      http.on('request', getRequestListener(hono.fetch));
    }, '/auth');
  });
  after(() => app.close());

  it('serves Sigil under the mount, answering unknown paths there with 404 JSON', async () => {
    await clientCredentials(app.issuer, 'svc-basic', client.ClientSecretBasic('basic-secret'));
    const unknown = await fetch(`${app.issuer}/nothing`);
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: string }).error, 'not_found');
    assert.equal(await (await fetch(`${app.origin}/app/ping`)).text(), 'pong');
  });
});
