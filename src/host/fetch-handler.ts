/**
 * A web-standard `fetch(request)` handler, for runtimes and frameworks built on Request/Response
 * (Hono, Bun, Deno, workers). On Node prefer the node:http listener: it is faster.
 */
import type { ServerContext } from '../context.js';
import { RequestTooLarge } from '../errors/oauth-error.js';
import { oauthErrorResult } from './error-boundary.js';
import type { SigilResult } from './result.js';
import { type Dispatch, notFound } from './router.js';

/** Build the fetch handler. Unknown paths answer 404 unless `onNotFound` is given. */
export function createFetchHandler(
  dispatch: Dispatch,
  ctx: ServerContext,
): (request: Request, onNotFound?: () => Response | Promise<Response>) => Promise<Response> {
  const limit = ctx.options.maxBodySize;
  return async (request, onNotFound) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const method = request.method.toUpperCase();
    let body: Buffer | undefined;
    if (method !== 'GET' && method !== 'HEAD') {
      if (Number(headers['content-length']) > limit) return toResponse(oauthErrorResult(new RequestTooLarge(limit)));
      const buf = Buffer.from(await request.arrayBuffer());
      if (buf.length > limit) return toResponse(oauthErrorResult(new RequestTooLarge(limit)));
      body = buf;
    }
    const p = dispatch({ method, path: url.pathname, search: url.search.slice(1), headers, body, baseUrl: url.origin });
    if (!p) return onNotFound ? onNotFound() : toResponse(notFound());
    return toResponse(await p);
  };
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
