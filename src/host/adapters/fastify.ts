/**
 * Fastify 5. The plugin claims every path under its prefix, replaces Fastify's body parsers in its
 * own scope by one that reads nothing, and hands the node request and response to the node:http
 * listener, which reads the body within Sigil's limit and writes the answer (`reply.hijack()`).
 * Only Node's types are imported, so this module loads without Fastify installed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { OAuthError, ServerError, UnsupportedMediaType } from '../../errors/oauth-error.js';
import type { IdentityServer } from '../../server/types.js';
import { renderError } from '../error-boundary.js';

/** The parts of a Fastify request the plugin reads. */
export interface FastifyRequestLike {
  readonly raw: IncomingMessage;
}

/** The parts of a Fastify reply the plugin uses. */
export interface FastifyReplyLike {
  readonly raw: ServerResponse;
  hijack(): unknown;
  callNotFound(): unknown;
  code(statusCode: number): unknown;
  headers(values: Record<string, string | string[]>): unknown;
  send(payload?: unknown): unknown;
}

/** An error Fastify raises before the handler runs (an unreadable `Content-Type`, say). */
export interface FastifyErrorLike {
  readonly code?: string;
  readonly statusCode?: number;
  readonly message: string;
}

/** The parts of a Fastify instance the plugin uses; Fastify's own instance has them. */
export interface FastifyInstanceLike {
  readonly prefix: string;
  removeAllContentTypeParsers(): unknown;
  addContentTypeParser(
    contentType: string,
    parser: (request: FastifyRequestLike, payload: IncomingMessage, done: (err: Error | null) => void) => void,
  ): unknown;
  setErrorHandler(
    handler: (error: FastifyErrorLike, request: FastifyRequestLike, reply: FastifyReplyLike) => void,
  ): unknown;
  all(path: string, handler: (request: FastifyRequestLike, reply: FastifyReplyLike) => void): unknown;
}

/** A Fastify plugin, for `fastify.register`. */
export type SigilFastifyPlugin = (instance: FastifyInstanceLike, options: unknown) => Promise<void>;

/**
 * A Fastify 5 plugin serving Sigil under the registration prefix, which must be the issuer's path
 * (or empty, when a proxy strips it). Paths under the prefix that Sigil does not serve go to the
 * application's not-found handler, so do routes of the application itself under the prefix;
 * Fastify's body parsers and error handler elsewhere are left alone. Registered without a prefix,
 * the plugin claims the wildcard route `/*`, which then cannot be declared again.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createIdentityServer } from 'sigil-identity';
 * import { sigilFastify } from 'sigil-identity/host';
 *
 * const sigil = await createIdentityServer({ issuer: 'https://example.com/auth', clients: [] });
 * const app = Fastify();
 * await app.register(sigilFastify(sigil), { prefix: '/auth' });
 * app.get('/api/health', async () => ({ ok: true }));
 * await app.listen({ port: 3000 });
 * ```
 */
export function sigilFastify(server: IdentityServer): SigilFastifyPlugin {
  const issuerPath = new URL(server.issuer).pathname.replace(/\/$/, '');
  const plugin: SigilFastifyPlugin = async (instance) => {
    const prefix = instance.prefix.replace(/\/$/, '');
    if (prefix && !issuerPath.endsWith(prefix)) {
      throw new Error(
        `sigilFastify is registered with the prefix "${prefix}", but the issuer ${server.issuer} does not end with it`,
      );
    }
    // Sigil reads the body itself, within its limit; Fastify must not have read it first.
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', (_request, _payload, done) => done(null));
    instance.setErrorHandler((error, request, reply) => {
      if (!error.code?.startsWith('FST_')) throw error;
      const result = renderError(sigilError(error), server.context, {
        method: request.raw.method ?? 'GET',
        path: request.raw.url ?? '/',
        search: '',
        headers: request.raw.headers,
      });
      reply.code(result.status);
      reply.headers(result.headers);
      reply.send(result.body);
    });
    instance.all('/*', (request, reply) => {
      let unknown = false;
      // The listener calls next synchronously, before reading anything, for paths it does not serve.
      server.handler(request.raw, reply.raw, () => {
        unknown = true;
      });
      if (unknown) reply.callNotFound();
      else reply.hijack();
    });
  };
  Object.defineProperty(plugin, Symbol.for('fastify.display-name'), { value: 'sigil' });
  return plugin;
}

function sigilError(error: FastifyErrorLike): OAuthError {
  const status = error.statusCode ?? 500;
  if (status === 415) return new UnsupportedMediaType();
  if (status >= 500 || status < 400) return new ServerError('an unexpected error occurred', { detail: error.message });
  return new OAuthError('invalid_request', 'the request could not be read', { status, detail: error.message });
}
