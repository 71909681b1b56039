/**
 * The fast path: a `node:http` request listener. It reads the body within the size limit, builds a
 * plain {@link SigilRequest} and writes the {@link SigilResult}; no web Request/Response objects.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerContext } from '../context.js';
import { RequestTooLarge, ServerError } from '../errors/oauth-error.js';
import { bodyRecoveryOf } from './body-recovery.js';
import { oauthErrorResult, renderError } from './error-boundary.js';
import { nextRequestId, type SigilRequest } from './request.js';
import type { SigilResult } from './result.js';
import { type Dispatch, notFound } from './router.js';

/**
 * A node:http listener. With a `next` argument (Express, Connect), a path no endpoint serves calls
 * `next()` synchronously, before anything is read or written, so the next application gets the
 * request untouched; without it, such paths answer 404 JSON.
 */
export type NodeListener = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;

/** Build the node:http listener around a dispatcher. */
export function createNodeListener(dispatch: Dispatch, ctx: ServerContext): NodeListener {
  const limit = ctx.options.maxBodySize;
  return (req, res, next) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const method = req.method ?? 'GET';
    if (!dispatch.matches(path)) {
      if (next) return next();
      write(res, notFound(), method === 'HEAD');
      req.resume();
      return;
    }
    const search = q === -1 ? '' : url.slice(q + 1);
    const base = {
      method,
      path,
      search,
      headers: headersOf(req),
      remoteAddress: req.socket.remoteAddress,
      id: nextRequestId(),
    };
    if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
      handle(dispatch, base, req, res, next);
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (declared > limit) {
      tooLarge(res, limit);
      req.resume();
      return;
    }
    let early: Buffer | undefined;
    try {
      early = bodyReadBefore(req);
    } catch (e) {
      write(res, renderError(e, ctx, base), false);
      return;
    }
    if (early) {
      if (early.length > limit) tooLarge(res, limit);
      else handle(dispatch, { ...base, body: early }, req, res, next);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let aborted = false;
    req.on('data', (chunk: Buffer) => {
      if (aborted) return;
      size += chunk.length;
      if (size > limit) {
        aborted = true;
        tooLarge(res, limit);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (aborted) return;
      const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      handle(dispatch, { ...base, body }, req, res, next);
    });
    req.on('error', () => {
      aborted = true;
    });
  };
}

/**
 * The body when a middleware before Sigil already read the stream: `req.rawBody` when it is a
 * Buffer, else what a host adapter recovers. A read stream with neither is answered, not awaited:
 * its `end` event will not come again.
 */
function bodyReadBefore(req: IncomingMessage): Buffer | undefined {
  const raw = (req as { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(raw)) return raw;
  if (!req.readableEnded) return undefined;
  const recover = bodyRecoveryOf(req);
  if (recover) return recover();
  throw new ServerError('the request body was read by another middleware before the identity server', {
    detail:
      'mount Sigil before body parsers, use its framework adapter (sigilExpress, sigilKoa), or set req.rawBody to the raw bytes',
  });
}

function handle(
  dispatch: Dispatch,
  sreq: SigilRequest,
  req: IncomingMessage,
  res: ServerResponse,
  next?: (err?: unknown) => void,
): void {
  const p = dispatch(sreq);
  if (!p) {
    if (next) next();
    else write(res, notFound(), false);
    return;
  }
  p.then(
    (result) => write(res, result, req.method === 'HEAD'),
    (e) => {
      // The router's boundary already converts errors; this is a last resort.
      res.statusCode = 500;
      res.end();
      void e;
    },
  );
}

/**
 * node:http keeps only the first of repeated `Authorization` headers; client authentication must
 * see all of them to reject the request, so they are recovered from the raw headers.
 */
function headersOf(req: IncomingMessage): IncomingMessage['headers'] | Record<string, string | string[] | undefined> {
  const headers = req.headers;
  if (headers.authorization === undefined) return headers;
  const raw = req.rawHeaders;
  let values: string[] | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === 13 && raw[i]!.toLowerCase() === 'authorization') (values ??= []).push(raw[i + 1]!);
  }
  return values && values.length > 1 ? { ...headers, authorization: values } : headers;
}

/** 413, and close the connection: the rest of the body is not worth reading. */
function tooLarge(res: ServerResponse, limit: number): void {
  const result = oauthErrorResult(new RequestTooLarge(limit));
  result.headers.connection = 'close';
  write(res, result, false);
}

function write(res: ServerResponse, result: SigilResult, head: boolean): void {
  if (res.headersSent) return;
  const body = result.body;
  const headers = result.headers;
  if (body !== undefined && headers['content-length'] === undefined) {
    headers['content-length'] = String(typeof body === 'string' ? Buffer.byteLength(body) : body.length);
  }
  res.writeHead(result.status, headers);
  if (head || body === undefined) res.end();
  else res.end(body);
}
