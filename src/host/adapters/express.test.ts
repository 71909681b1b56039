import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import express, { type RequestHandler } from 'express';
import * as client from 'openid-client';
import { pino } from 'pino';
import type { IdentityServer } from '../../server/types.js';
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
import { captureRawBody, sigilExpress } from './express.js';

/** The contract application; `before` runs ahead of Sigil (body parsers). */
function expressApp(parsers: RequestHandler[] = [], sigilFor = sigilExpress): AdapterHarness['build'] {
  return async (sigil, mount, http) => {
    const app = express();
    for (const mw of parsers) app.use(mw);
    const middleware: RequestHandler = sigilFor(sigil);
    if (mount) app.use(mount, middleware);
    else app.use(middleware);
    app.get('/app/ping', (_req, res) => void res.type('text').send('pong'));
    app.post('/app/echo', express.json(), (req, res) => void res.json(req.body));
    app.get(`${mount}/extra`, (_req, res) => void res.type('text').send('extra'));
    http.on('request', app);
  };
}

runAdapterContract('Express', { build: expressApp() });

describe('Express after body parsers', () => {
  const cases: [string, RequestHandler[]][] = [
    ['express.urlencoded()', [express.urlencoded()]],
    ['express.urlencoded({ extended: true })', [express.urlencoded({ extended: true })]],
    ['express.json() and express.urlencoded()', [express.json(), express.urlencoded()]],
    ['express.raw({ type: "*/*" })', [express.raw({ type: '*/*' })]],
    ['express.text({ type: "*/*" })', [express.text({ type: '*/*' })]],
  ];
  for (const [name, parsers] of cases) {
    describe(name, () => {
      let app: Mounted;
      before(async () => {
        app = await mountSigil(expressApp(parsers), '/auth');
      });
      after(() => app.close());

      it('still issues tokens to client_secret_basic and client_secret_post clients', async () => {
        await clientCredentials(app.issuer, 'svc-basic', client.ClientSecretBasic('basic-secret'));
        await clientCredentials(app.issuer, 'svc-post', client.ClientSecretPost('post-secret'));
      });

      it('still rejects repeated parameters with invalid_request', async () => {
        const r = await post(`${app.issuer}/connect/token`, 'grant_type=client_credentials&scope=a&scope=a', {
          authorization: BASIC,
        });
        assertSigilError(r, 400);
        assert.match(JSON.parse(r.text).error_description, /"scope" must not be repeated/);
      });

      it('answers 413 JSON to a body over maxBodySize that the parser accepted', async () => {
        const r = await post(`${app.issuer}/connect/token`, `grant_type=client_credentials&pad=${'x'.repeat(40_000)}`, {
          authorization: BASIC,
        });
        assertSigilError(r, 413);
      });
    });
  }

  describe('express.urlencoded({ extended: true }) folding brackets into objects', () => {
    let app: Mounted;
    before(async () => {
      app = await mountSigil(expressApp([express.urlencoded({ extended: true })]), '/auth');
    });
    after(() => app.close());

    it('refuses a form it cannot rebuild exactly with invalid_request', async () => {
      const r = await post(`${app.issuer}/connect/token`, 'grant_type=client_credentials&scope[a]=orders.read', {
        authorization: BASIC,
      });
      assertSigilError(r, 400);
      assert.equal(JSON.parse(r.text).error, 'invalid_request');
    });
  });

  describe('express.urlencoded({ extended: true, verify: captureRawBody })', () => {
    let app: Mounted;
    before(async () => {
      app = await mountSigil(expressApp([express.urlencoded({ extended: true, verify: captureRawBody })]), '/auth');
    });
    after(() => app.close());

    it('reads the exact bytes: a bracketed name is just an unknown parameter', async () => {
      const r = await post(
        `${app.issuer}/connect/token`,
        'grant_type=client_credentials&scope=orders.read&scope[a]=x&scope[]=y',
        { authorization: BASIC },
      );
      assert.equal(r.status, 200, r.text);
      assert.equal(JSON.parse(r.text).scope, 'orders.read');
    });
  });

  describe('the bare node listener after a body parser', () => {
    let app: Mounted;
    before(async () => {
      const bare = (s: IdentityServer) => s.handler;
      app = await mountSigil(expressApp([express.urlencoded()], bare), '/auth');
    });
    after(() => app.close());

    it('answers server_error JSON naming the cause instead of waiting for the body', async () => {
      const r = await post(`${app.issuer}/connect/token`, 'grant_type=client_credentials', { authorization: BASIC });
      assertSigilError(r, 500);
      assert.match(JSON.parse(r.text).error_description, /read by another middleware/);
    });
  });
});

describe('Express mounted at a path the issuer does not end with', () => {
  let app: Mounted;
  const lines: string[] = [];
  before(async () => {
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    app = await mountSigil(
      async (sigil, _mount, http) => {
        const e = express();
        e.use('/elsewhere', sigilExpress(sigil));
        http.on('request', e);
      },
      '/auth',
      { logger },
    );
  });
  after(() => app.close());

  it('logs one warning', async () => {
    await fetch(`${app.origin}/elsewhere/.well-known/openid-configuration`);
    await fetch(`${app.origin}/elsewhere/.well-known/openid-configuration`);
    const warnings = lines.filter((l) => l.includes('sigilExpress is mounted'));
    assert.equal(warnings.length, 1);
    assert.equal(JSON.parse(warnings[0]!).mountPath, '/elsewhere');
  });
});

describe('Express with Sigil at the root and the issuer at /auth', () => {
  let app: Mounted;
  before(async () => {
    app = await mountSigil(async (sigil, _mount, http) => {
      const e = express();
      e.use(sigilExpress(sigil));
      e.get('/auth/extra', (_req, res) => void res.type('text').send('extra'));
      http.on('request', e);
    }, '/auth');
  });
  after(() => app.close());

  it('serves the issuer path and passes the rest on', async () => {
    const r = await clientCredentials(app.issuer, 'svc-basic', client.ClientSecretBasic('basic-secret'));
    assert.equal(r.token_endpoint, `${app.origin}/auth/connect/token`);
    assert.equal(await (await fetch(`${app.origin}/auth/extra`)).text(), 'extra');
  });
});
