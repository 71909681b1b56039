/**
 * The contract every framework adapter passes, run by each adapter's test file against the real
 * framework on a real socket: discovery and client_credentials through openid-client, JWTs verified
 * against the JWKS, Sigil's JSON errors, size limits, and the application's own routes and bodies
 * left alone. The socket is bound first so that the issuer (which holds the port) is known before
 * the server is created.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { pino } from 'pino';
import { createIdentityServer } from '../../server/create-identity-server.js';
import type { CreateIdentityServerOptions, IdentityServer } from '../../server/types.js';

/** What an adapter test provides: the framework application, built around a Sigil server. */
export interface AdapterHarness {
  /**
   * Build the application with Sigil mounted at `mount` (`''` is the root) and attach it to `http`.
   * Besides Sigil, the application serves `GET /app/ping` (text `pong`), `POST /app/echo` (a JSON
   * body parsed by the framework, echoed as JSON) and `GET <mount>/extra` (text `extra`).
   */
  build(sigil: IdentityServer, mount: string, http: Server): Promise<void>;
}

/** The configuration: one API, a client_secret_basic and a client_secret_post client. */
export const CONTRACT_OPTIONS = {
  apiScopes: [{ name: 'orders.read' }],
  apiResources: [{ name: 'orders', scopes: ['orders.read'] }],
  clients: [
    {
      clientId: 'svc-basic',
      clientSecrets: [{ value: 'basic-secret' }],
      allowedGrantTypes: ['client_credentials'],
      allowedScopes: ['orders.read'],
    },
    {
      clientId: 'svc-post',
      clientSecrets: [{ value: 'post-secret' }],
      tokenEndpointAuthMethod: 'client_secret_post',
      allowedGrantTypes: ['client_credentials'],
      allowedScopes: ['orders.read'],
    },
  ],
  maxBodySize: 16 * 1024,
} satisfies Omit<CreateIdentityServerOptions, 'issuer'>;

/** A running application with Sigil inside. */
export interface Mounted {
  readonly origin: string;
  readonly issuer: string;
  readonly sigil: IdentityServer;
  close(): Promise<void>;
}

/** Bind a socket, create Sigil with the issuer `<origin><mount>`, and let `build` attach the application. */
export async function mountSigil(
  build: AdapterHarness['build'],
  mount: string,
  options: Partial<CreateIdentityServerOptions> = {},
): Promise<Mounted> {
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const sigil = await createIdentityServer({
    ...CONTRACT_OPTIONS,
    store: { type: 'memory' },
    logger: pino({ level: process.env.SIGIL_TEST_LOG_LEVEL ?? 'silent' }),
    dataProtection: { masterKey: Buffer.alloc(32, 9).toString('base64') },
    backgroundJobs: false,
    ...options,
    issuer: origin + mount,
  });
  await build(sigil, mount, http);
  return {
    origin,
    issuer: origin + mount,
    sigil,
    async close() {
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await sigil.close();
    },
  };
}

/** POST a body as is; `body` may be a stream, so that no Content-Length is sent. */
export async function post(
  url: string,
  body: string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The `Authorization: Basic` value of the contract's basic client. */
export const BASIC = `Basic ${Buffer.from('svc-basic:basic-secret').toString('base64')}`;

/** Assert an RFC 6749 §5.2 JSON error from Sigil. */
export function assertSigilError(r: { status: number; headers: Headers; text: string }, status: number): void {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type') ?? '', /^application\/json/);
  const body = JSON.parse(r.text) as { error: string; error_description: string };
  assert.equal(typeof body.error, 'string');
  assert.equal(typeof body.error_description, 'string');
  assert.equal(r.headers.get('cache-control'), 'no-store');
}

/** A body stream in small chunks. */
export function chunked(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.subarray(i, i + 1024));
      controller.close();
    },
  });
}

/** Obtain and verify a client_credentials token through openid-client with `auth`. */
export async function clientCredentials(
  issuer: string,
  clientId: string,
  auth: client.ClientAuth,
): Promise<{ token_endpoint: string; aud: unknown; client_id: unknown }> {
  const config = await client.discovery(new URL(issuer), clientId, undefined, auth, {
    execute: [client.allowInsecureRequests],
  });
  const meta = config.serverMetadata();
  const tokens = await client.clientCredentialsGrant(config, { scope: 'orders.read' });
  const jwks = createRemoteJWKSet(new URL(meta.jwks_uri!));
  const { payload } = await jwtVerify(tokens.access_token, jwks, { issuer, audience: 'orders', typ: 'at+jwt' });
  return { token_endpoint: meta.token_endpoint!, aud: payload.aud, client_id: payload.client_id };
}

/** Run the contract for an adapter, mounted at the root and under `/auth`. */
export function runAdapterContract(name: string, harness: AdapterHarness): void {
  for (const mount of ['', '/auth']) {
    describe(`${name} mounted at ${mount || 'the root'}`, () => {
      let app: Mounted;
      before(async () => {
        app = await mountSigil(harness.build, mount);
      });
      after(() => app.close());

      it('issues a JWT to a client_secret_basic client through discovery, verifiable against the JWKS', async () => {
        const r = await clientCredentials(app.issuer, 'svc-basic', client.ClientSecretBasic('basic-secret'));
        assert.equal(r.token_endpoint, `${app.issuer}/connect/token`);
        assert.equal(r.client_id, 'svc-basic');
      });

      it('issues a JWT to a client_secret_post client', async () => {
        const r = await clientCredentials(app.issuer, 'svc-post', client.ClientSecretPost('post-secret'));
        assert.equal(r.client_id, 'svc-post');
      });

      it('rejects repeated parameters with invalid_request', async () => {
        const r = await post(`${app.issuer}/connect/token`, 'grant_type=client_credentials&scope=a&scope=b', {
          authorization: BASIC,
        });
        assertSigilError(r, 400);
        assert.match(JSON.parse(r.text).error_description, /"scope" must not be repeated/);
      });

      it('answers 413 JSON to a body over maxBodySize, with or without Content-Length', async () => {
        const big = `grant_type=client_credentials&pad=${'x'.repeat(20 * 1024)}`;
        assertSigilError(await post(`${app.issuer}/connect/token`, big, { authorization: BASIC }), 413);
        assertSigilError(await post(`${app.issuer}/connect/token`, chunked(big), { authorization: BASIC }), 413);
      });

      it("answers its errors as Sigil's JSON, never the framework's pages", async () => {
        const get = await fetch(`${app.issuer}/connect/token`);
        assertSigilError({ status: get.status, headers: get.headers, text: await get.text() }, 405);
        const json = await post(`${app.issuer}/connect/token`, '{"grant_type":"client_credentials"}', {
          'content-type': 'application/json',
          authorization: BASIC,
        });
        assertSigilError(json, 400);
        const wrong = await post(`${app.issuer}/connect/token`, 'grant_type=client_credentials', {
          authorization: `Basic ${Buffer.from('svc-basic:wrong').toString('base64')}`,
        });
        assertSigilError(wrong, 401);
      });

      it("leaves the application's own routes and request bodies alone", async () => {
        const ping = await fetch(`${app.origin}/app/ping`);
        assert.equal(await ping.text(), 'pong');
        const echo = await post(`${app.origin}/app/echo`, '{"hello":"world"}', { 'content-type': 'application/json' });
        assert.equal(echo.status, 200, echo.text);
        assert.deepEqual(JSON.parse(echo.text), { hello: 'world' });
        const extra = await fetch(`${app.issuer}/extra`);
        assert.equal(await extra.text(), 'extra');
      });

      it('passes unknown paths under its mount on to the application', async () => {
        const r = await fetch(`${app.issuer}/connect/nothing-here`, { method: 'POST', body: 'a=1' });
        const text = await r.text();
        assert.equal(r.status, 404);
        assert.doesNotMatch(text, /no endpoint at this path/);
      });
    });
  }
}
