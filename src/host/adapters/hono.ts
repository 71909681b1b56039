/**
 * Hono 4, on any runtime: a middleware over Sigil's fetch handler. Paths Sigil does not serve go to
 * `next()` with their body unread. Nothing of Hono is imported, so this module loads without it.
 */
import type { IdentityServer } from '../../server/types.js';

/** The parts of a Hono context the middleware uses; Hono's own `Context` has them. */
export interface HonoContextLike {
  readonly req: {
    readonly raw: Request;
    /** Bodies a middleware before Sigil has read through `c.req` (Hono caches them here). */
    readonly bodyCache: object;
  };
}

/** A Hono middleware handler. */
export type SigilHonoMiddleware = (c: HonoContextLike, next: () => Promise<void>) => Promise<Response | undefined>;

const NOT_SERVED = new Response(null, { status: 404 });

/**
 * Serve Sigil from a Hono application: `app.use(sigilHono(sigil))` at the root, or
 * `app.use('/auth/*', sigilHono(sigil))` (equally `app.route('/auth', new Hono().use(sigilHono(sigil)))`)
 * for the issuer `https://host/auth`. A body that a middleware before it read through `c.req`
 * (`parseBody()`, `text()`, `arrayBuffer()`, `json()`) is taken from Hono's cache.
 *
 * On Node, prefer {@link IdentityServer.handler} on `node:http` (or `sigilExpress`, `sigilKoa`,
 * `sigilFastify`) where you can: Hono's Node bridge (`@hono/node-server`) turns every request and
 * response into web objects, which halved Sigil's throughput in our measurements.
 *
 * @example
 * ```ts
 * import { Hono } from 'hono';
 * import { createIdentityServer } from 'sigil-identity';
 * import { sigilHono } from 'sigil-identity/host';
 *
 * const sigil = await createIdentityServer({ issuer: 'https://example.com/auth', clients: [] });
 * const app = new Hono();
 * app.use('/auth/*', sigilHono(sigil));
 * app.get('/api/health', (c) => c.json({ ok: true }));
 * export default app;
 * ```
 */
export function sigilHono(server: IdentityServer): SigilHonoMiddleware {
  return async (c, next) => {
    let unknown = false;
    const response = await server.fetch(await unreadRequest(c), () => {
      unknown = true;
      return NOT_SERVED;
    });
    if (!unknown) return response;
    await next();
    return undefined;
  };
}

/**
 * The request with a readable body. When a middleware already read it, a new request is built from
 * Hono's cache, byte for byte where the cache holds bytes or text. A parsed `FormData` alone cannot
 * be turned back into the bytes it came from; the fetch handler then answers `server_error`.
 */
async function unreadRequest(c: HonoContextLike): Promise<Request> {
  const raw = c.req.raw;
  if (!raw.bodyUsed) return raw;
  const cache = c.req.bodyCache as {
    arrayBuffer?: Promise<ArrayBuffer>;
    text?: Promise<string>;
    blob?: Promise<Blob>;
    json?: Promise<unknown>;
  };
  let body: BodyInit;
  if (cache.arrayBuffer) body = await cache.arrayBuffer;
  else if (cache.text) body = await cache.text;
  else if (cache.blob) body = await cache.blob;
  else if (cache.json) body = JSON.stringify(await cache.json);
  else return raw;
  return new Request(raw.url, { method: raw.method, headers: raw.headers, body });
}
