import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  type AdapterHarness,
  assertSigilError,
  BASIC,
  type Mounted,
  mountSigil,
  post,
  runAdapterContract,
} from './adapter-contract.case.js';
import { sigilFastify } from './fastify.js';

const build: AdapterHarness['build'] = async (sigil, mount, http) => {
  const app: FastifyInstance = Fastify({
    serverFactory: (handler) => {
      http.on('request', handler);
      return http;
    },
  });
  await app.register(sigilFastify(sigil), mount ? { prefix: mount } : {});
  app.get('/app/ping', async (_req, reply) => reply.type('text/plain').send('pong'));
  app.post('/app/echo', async (req) => req.body);
  app.get(`${mount}/extra`, async (_req, reply) => reply.type('text/plain').send('extra'));
  await app.ready();
};

runAdapterContract('Fastify', { build });

describe('Fastify specifics', () => {
  let app: Mounted;
  before(async () => {
    app = await mountSigil(build, '/auth');
  });
  after(() => app.close());

  it("answers Sigil's JSON when Fastify itself rejects the request under the prefix", async () => {
    const r = await post(`${app.issuer}/connect/token`, 'grant_type=client_credentials', {
      'content-type': 'no such type',
      authorization: BASIC,
    });
    assertSigilError(r, 415);
  });

  it('reads a body sent without Content-Type itself', async () => {
    const r = await fetch(`${app.issuer}/connect/token`, {
      method: 'POST',
      headers: { authorization: BASIC },
      body: new Blob(['grant_type=client_credentials']),
    });
    assertSigilError({ status: r.status, headers: r.headers, text: await r.text() }, 400);
  });

  it('answers HEAD on discovery without a body', async () => {
    const r = await fetch(`${app.issuer}/.well-known/openid-configuration`, { method: 'HEAD' });
    assert.equal(r.status, 200);
    assert.equal(await r.text(), '');
  });

  it('refuses a prefix the issuer does not end with, at registration', async () => {
    const other = Fastify();
    await assert.rejects(async () => {
      await other.register(sigilFastify(app.sigil), { prefix: '/elsewhere' });
      await other.ready();
    }, /prefix "\/elsewhere"/);
    await other.close();
  });
});
