/**
 * Maps request paths to endpoints. Paths are matched exactly, relative to the issuer's path (so a
 * server whose issuer is `https://id.example/auth` answers `/auth/connect/token`, and also
 * `/connect/token` when a framework has already stripped its mount path).
 */
import type { ServerContext } from '../context.js';
import { type CorsPolicy, withCors } from './cors.js';
import { renderError } from './error-boundary.js';
import type { SigilRequest } from './request.js';
import { json, type SigilResult } from './result.js';

/** An endpoint: takes the plain request, returns a result (or a promise of one). */
export type Endpoint = (req: SigilRequest, ctx: ServerContext) => SigilResult | Promise<SigilResult>;

/** A route table entry. */
export interface Route {
  readonly path: string;
  readonly endpoint: Endpoint;
  /** Browser clients on the origins of clients' `allowedCorsOrigins` may call this route. */
  readonly cors?: CorsPolicy;
}

/**
 * A dispatcher built from a route table; `undefined` when no route matches (so a host can call
 * `next()`). `matches(path)` answers the same question before anything is read, so that hosts leave
 * the body of a request for another application untouched.
 */
export interface Dispatch {
  (req: SigilRequest): Promise<SigilResult> | undefined;
  /** True when an endpoint serves `path`. */
  matches(path: string): boolean;
}

/** Build the dispatcher. */
export function createRouter(routes: readonly Route[], ctx: ServerContext): Dispatch {
  const table = new Map<string, Route>();
  for (const r of routes) table.set(r.path, r);
  const prefix = new URL(ctx.issuer).pathname.replace(/\/$/, '');
  const resolve = (path: string): Route | undefined => {
    const route = table.get(path);
    if (route || !prefix || !path.startsWith(prefix)) return route;
    return table.get(path.slice(prefix.length) || '/');
  };
  const dispatch = (req: SigilRequest) => {
    const route = resolve(req.path);
    if (!route) return undefined;
    const { endpoint, cors } = route;
    return cors ? withCors(cors, req, ctx, () => run(endpoint, req, ctx)) : run(endpoint, req, ctx);
  };
  return Object.assign(dispatch, { matches: (path: string) => resolve(path) !== undefined });
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
