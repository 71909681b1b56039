/**
 * Sigil in other servers: middleware and plugins for Express, Fastify, Koa and Hono. None of them
 * imports its framework, so this entry point loads with only the framework you use installed, and
 * its types ask only for the parts of the framework's objects they use.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createIdentityServer } from 'sigil-identity';
 * import { sigilExpress } from 'sigil-identity/host';
 *
 * const sigil = await createIdentityServer({ issuer: 'https://example.com/auth', clients: [] });
 * express().use('/auth', sigilExpress(sigil)).listen(3000);
 * ```
 * @packageDocumentation
 */
export {
  captureRawBody,
  type ExpressRequestLike,
  type SigilExpressMiddleware,
  sigilExpress,
} from './adapters/express.js';
export {
  type FastifyErrorLike,
  type FastifyInstanceLike,
  type FastifyReplyLike,
  type FastifyRequestLike,
  type SigilFastifyPlugin,
  sigilFastify,
} from './adapters/fastify.js';
export { type HonoContextLike, type SigilHonoMiddleware, sigilHono } from './adapters/hono.js';
export { type KoaContextLike, type SigilKoaMiddleware, sigilKoa } from './adapters/koa.js';
export type { NodeListener } from './node-listener.js';
