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

/** Serves one route: CORS, the endpoint and the error boundary. Never rejects. */
export type ServeRoute = (req: SigilRequest) => Promise<SigilResult>;

/**
 * Wraps how a route is served, e.g. in a trace span. Called once per route when the router is
 * built, so a request pays only for what the wrapper itself does.
 */
export type RouteWrapper = (route: Route, serve: ServeRoute) => ServeRoute;

/** Build the dispatcher. */
export function createRouter(routes: readonly Route[], ctx: ServerContext, wrap?: RouteWrapper): Dispatch {
  const table = new Map<string, ServeRoute>();
  for (const r of routes) {
    const serve = serveRoute(r, ctx);
    table.set(r.path, wrap ? wrap(r, serve) : serve);
  }
  const prefix = new URL(ctx.issuer).pathname.replace(/\/$/, '');
  const resolve = (path: string): ServeRoute | undefined => {
    const serve = table.get(path);
    if (serve || !prefix || !path.startsWith(prefix)) return serve;
    return table.get(path.slice(prefix.length) || '/');
  };
  const dispatch = (req: SigilRequest) => resolve(req.path)?.(req);
  return Object.assign(dispatch, { matches: (path: string) => resolve(path) !== undefined });
}

function serveRoute({ endpoint, cors }: Route, ctx: ServerContext): ServeRoute {
  if (!cors) return (req) => run(endpoint, req, ctx);
  return (req) => withCors(cors, req, ctx, () => run(endpoint, req, ctx));
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
