/**
 * A web-standard `fetch(request)` handler, for runtimes and frameworks built on Request/Response
 * (Hono, Bun, Deno, workers). On Node prefer the node:http listener: it is faster.
 */
import type { ServerContext } from '../context.js';
import { InvalidRequest, isOAuthError, RequestTooLarge, ServerError } from '../errors/oauth-error.js';
import { renderError } from './error-boundary.js';
import { nextRequestId } from './request.js';
import type { SigilResult } from './result.js';
import { type Dispatch, notFound } from './router.js';

/**
 * Build the fetch handler. Unknown paths answer 404 unless `onNotFound` is given; it is called
 * before the body is read, so the next application can still read it.
 */
export function createFetchHandler(
  dispatch: Dispatch,
  ctx: ServerContext,
): (request: Request, onNotFound?: () => Response | Promise<Response>) => Promise<Response> {
  const limit = ctx.options.maxBodySize;
  return async (request, onNotFound) => {
    const url = new URL(request.url);
    if (!dispatch.matches(url.pathname)) return onNotFound ? onNotFound() : toResponse(notFound());
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const method = request.method.toUpperCase();
    const sreq = {
      method,
      path: url.pathname,
      search: url.search.slice(1),
      headers,
      baseUrl: url.origin,
      id: nextRequestId(),
    };
    let body: Buffer | undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      try {
        body = await readBody(request, limit);
      } catch (e) {
        const error = isOAuthError(e) ? e : new InvalidRequest('the request body could not be read', { cause: e });
        return toResponse(renderError(error, ctx, sreq));
      }
    }
    const p = dispatch({ ...sreq, body });
    if (!p) return onNotFound ? onNotFound() : toResponse(notFound());
    return toResponse(await p);
  };
}

/** Read the body chunk by chunk, stopping at the limit (a missing `Content-Length` is no way around it). */
async function readBody(request: Request, limit: number): Promise<Buffer> {
  if (Number(request.headers.get('content-length')) > limit) throw new RequestTooLarge(limit);
  if (request.bodyUsed) {
    throw new ServerError('the request body was read by another middleware before the identity server', {
      detail: 'mount Sigil before middleware that reads the body, or pass a Request whose body is unread',
    });
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new RequestTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

function toResponse(r: SigilResult): Response {
  const h = new Headers();
  for (const [k, v] of Object.entries(r.headers)) {
    if (Array.isArray(v)) for (const x of v) h.append(k, x);
    else h.set(k, v);
  }
  const body = r.body === undefined || r.status === 204 || r.status === 304 ? null : r.body;
  return new Response(typeof body === 'string' || body === null ? body : new Uint8Array(body), {
    status: r.status,
    headers: h,
  });
}
