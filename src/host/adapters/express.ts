/**
 * Express (4 and 5) and Connect. The middleware is the node:http listener, the fast path, plus
 * what a framework mount needs: a body a parser already read is recovered, and a mount path that
 * differs from the issuer's path is reported. Only Node's types are imported, so this module loads
 * without Express installed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IdentityServer } from '../../server/types.js';
import { recoverBodyWith } from '../body-recovery.js';
import { bodyFromParsed } from './parsed-body.js';

/** The parts of an Express or Connect request the middleware reads; Express's `Request` has them. */
export interface ExpressRequestLike extends IncomingMessage {
  /** What a body parser mounted before Sigil left, if one ran. */
  body?: unknown;
  /** The path the middleware is mounted at, `''` at the root (Express). */
  baseUrl?: string;
}

/** A Connect-style middleware, assignable to Express's `RequestHandler`. */
export type SigilExpressMiddleware = (
  req: ExpressRequestLike,
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

/**
 * Mount Sigil in Express 4 or 5 (or Connect). Sigil's paths are answered; every other path calls
 * `next()` with its body unread. Mount it at the root, or at the issuer's path
 * (`app.use('/auth', …)` for the issuer `https://host/auth`).
 *
 * Mount it before body parsers if you can. Mounted after them it still works: `req.rawBody` (see
 * {@link captureRawBody}) is used as is; otherwise the body is rebuilt from `req.body` when that
 * is lossless (a buffer, a string, JSON, or a flat form, whose repeated parameters stay repeated
 * and are rejected). A form that `express.urlencoded({ extended: true })` folded into nested
 * objects is refused with `invalid_request`, and a parser's own errors (its size limit, bad JSON)
 * are answered by Express, not by Sigil.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createIdentityServer } from 'sigil-identity';
 * import { sigilExpress } from 'sigil-identity/host';
 *
 * const sigil = await createIdentityServer({ issuer: 'https://example.com/auth', clients: [] });
 * const app = express();
 * app.use('/auth', sigilExpress(sigil));
 * app.use(express.json());
 * app.get('/api/health', (_req, res) => res.json({ ok: true }));
 * app.listen(3000);
 * ```
 */
export function sigilExpress(server: IdentityServer): SigilExpressMiddleware {
  const issuerPath = new URL(server.issuer).pathname.replace(/\/$/, '');
  let warned = false;
  return (req, res, next) => {
    if (!warned && req.baseUrl && !issuerPath.endsWith(req.baseUrl)) {
      warned = true;
      server.context.logger.warn(
        { mountPath: req.baseUrl, issuer: server.issuer },
        'sigilExpress is mounted at a path the issuer does not end with; discovery points clients elsewhere',
      );
    }
    if (req.readableEnded) recoverBodyWith(req, () => bodyFromParsed(req.body, req.headers['content-type']));
    server.handler(req, res, next);
  };
}

/**
 * A body-parser `verify` callback that keeps the raw bytes in `req.rawBody`, which Sigil then reads
 * exactly, whatever the parser made of them. Use it when Sigil must be mounted after
 * `express.urlencoded({ extended: true })`.
 *
 * @example
 * ```ts
 * app.use(express.urlencoded({ extended: true, verify: captureRawBody }));
 * app.use('/auth', sigilExpress(sigil));
 * ```
 */
export function captureRawBody(req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  (req as IncomingMessage & { rawBody?: Buffer }).rawBody = buf;
}
