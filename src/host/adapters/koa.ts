/**
 * Koa 3 (and 2). The middleware hands `ctx.req` and `ctx.res` to the node:http listener and turns
 * Koa's own response off (`ctx.respond = false`) for the paths Sigil answers; other paths go on
 * down the middleware chain with their body unread. Only Node's types are imported, so this module
 * loads without Koa installed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished } from 'node:stream';
import type { IdentityServer } from '../../server/types.js';
import { recoverBodyWith } from '../body-recovery.js';
import { bodyFromParsed } from './parsed-body.js';

/** The parts of a Koa context the middleware uses; Koa's own context has them. */
export interface KoaContextLike {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  respond?: boolean;
  /** Koa's request, where body parsers put `body` and `rawBody`. */
  readonly request: object;
}

/** A Koa middleware. */
export type SigilKoaMiddleware = (ctx: KoaContextLike, next: () => Promise<unknown>) => Promise<void>;

/**
 * Serve Sigil from a Koa application. Use it at the root with the issuer's path in the URL
 * (issuer `https://host/auth`, requests to `/auth/connect/token`), or behind a prefix that rewrites
 * `ctx.path`, such as `koa-mount('/auth', …)`. Mount it before body parsers if you can; after one,
 * `ctx.request.rawBody` (as `@koa/bodyparser` keeps it) is used, or the body is rebuilt from
 * `ctx.request.body` when that is lossless.
 *
 * @example
 * ```ts
 * import Koa from 'koa';
 * import { createIdentityServer } from 'sigil-identity';
 * import { sigilKoa } from 'sigil-identity/host';
 *
 * const sigil = await createIdentityServer({ issuer: 'https://example.com/auth', clients: [] });
 * const app = new Koa();
 * app.use(sigilKoa(sigil));
 * app.use((ctx) => { ctx.body = { ok: true }; });
 * app.listen(3000);
 * ```
 */
export function sigilKoa(server: IdentityServer): SigilKoaMiddleware {
  return async (ctx, next) => {
    const { req, res } = ctx;
    if (req.readableEnded) {
      const parsed = ctx.request as { rawBody?: unknown; body?: unknown };
      const left = typeof parsed.rawBody === 'string' ? parsed.rawBody : parsed.body;
      recoverBodyWith(req, () => bodyFromParsed(left, req.headers['content-type']));
    }
    const outcome = await new Promise<'next' | 'answered'>((resolve) => {
      const stop = finished(res, () => resolve('answered'));
      server.handler(req, res, () => {
        stop();
        resolve('next');
      });
    });
    if (outcome === 'next') await next();
    else ctx.respond = false;
  };
}
