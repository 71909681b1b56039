/**
 * Maps request paths to endpoints. Paths are matched exactly, relative to the issuer's path (so a
 * server whose issuer is `https://id.example/auth` answers `/auth/connect/token`, and also
 * `/connect/token` when a framework has already stripped its mount path).
 */
import type { ServerContext } from '../context.js';
import { renderError } from './error-boundary.js';
import type { SigilRequest } from './request.js';
import { json, type SigilResult } from './result.js';

/** An endpoint: takes the plain request, returns a result (or a promise of one). */
export type Endpoint = (req: SigilRequest, ctx: ServerContext) => SigilResult | Promise<SigilResult>;

/** A route table entry. */
export interface Route {
  readonly path: string;
  readonly endpoint: Endpoint;
}

/** A dispatcher built from a route table; `undefined` when no route matches (so a host can call `next()`). */
export type Dispatch = (req: SigilRequest) => Promise<SigilResult> | undefined;

/** Build the dispatcher. */
export function createRouter(routes: readonly Route[], ctx: ServerContext): Dispatch {
  const table = new Map<string, Endpoint>();
  for (const r of routes) table.set(r.path, r.endpoint);
  const prefix = new URL(ctx.issuer).pathname.replace(/\/$/, '');
  return (req) => {
    let path = req.path;
    let endpoint = table.get(path);
    if (!endpoint && prefix && path.startsWith(prefix)) {
      path = path.slice(prefix.length) || '/';
      endpoint = table.get(path);
    }
    if (!endpoint) return undefined;
    return run(endpoint, req, ctx);
  };
}

async function run(endpoint: Endpoint, req: SigilRequest, ctx: ServerContext): Promise<SigilResult> {
  try {
    return await endpoint(req, ctx);
  } catch (e) {
    return renderError(e, ctx, req);
  }
}

/** The 404 answer for unknown paths. */
export function notFound(): SigilResult {
  return json(404, { error: 'not_found', error_description: 'no endpoint at this path' });
}
