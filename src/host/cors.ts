/**
 * CORS for the endpoints that browser clients call directly (token, userinfo, revocation): the
 * request's `Origin` is echoed only when an enabled client lists it in `allowedCorsOrigins`
 * (Duende's default `ICorsPolicyService`). A route opts in with a {@link CorsPolicy}; the router
 * answers its preflights and adds the headers to every answer, errors included, so that a script
 * can read an `invalid_grant` as well as a token. Origins are compared exactly: configuration
 * validation has already normalised them. Discovery and JWKS are public (`*`) and need no policy.
 */
import type { Client } from '../config/model.js';
import type { ServerContext } from '../context.js';
import { header, type SigilRequest } from './request.js';
import { empty, type SigilResult } from './result.js';

/** What a route allows cross-origin callers (Fetch standard §3.2.3). */
export interface CorsPolicy {
  /** The methods a preflight allows, e.g. `['POST']`. */
  readonly methods: readonly string[];
  /** Response headers a script may read besides the safelisted ones, e.g. `['DPoP-Nonce']`. */
  readonly exposeHeaders?: readonly string[];
}

/** Request headers a preflight allows when it names none, or names them in a malformed list. */
const DEFAULT_ALLOW_HEADERS = 'Authorization, Content-Type, DPoP';
/** A comma-separated list of RFC 9110 §5.6.2 tokens, as `Access-Control-Request-Headers` carries. */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+(?:\s*,\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+)*$/;
const MAX_HEADER_LIST = 1000;
const PREFLIGHT_MAX_AGE = '600';

// One set of origins per configuration snapshot: `options.clients` is a new map per snapshot.
const originsByClients = new WeakMap<ReadonlyMap<string, Client>, ReadonlySet<string>>();

/** True when an enabled client of the current configuration allows `origin`. */
export function isAllowedOrigin(ctx: ServerContext, origin: string): boolean {
  const clients = ctx.options.clients;
  let origins = originsByClients.get(clients);
  if (!origins) {
    const all = new Set<string>();
    for (const c of clients.values()) if (c.enabled) for (const o of c.allowedCorsOrigins) all.add(o);
    originsByClients.set(clients, all);
    origins = all;
  }
  return origins.has(origin);
}

/**
 * Run `next` under `policy`. Without an `Origin` header this is `next()` and nothing else. A
 * preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered here with 204: with the
 * allowances for an allowed origin, without them otherwise (the browser then refuses the call).
 * Any other answer gets `Access-Control-Allow-Origin` when the origin is allowed.
 */
export async function withCors(
  policy: CorsPolicy,
  req: SigilRequest,
  ctx: ServerContext,
  next: () => Promise<SigilResult>,
): Promise<SigilResult> {
  const origin = header(req, 'origin');
  if (origin === undefined) return next();
  const allowed = isAllowedOrigin(ctx, origin);
  if (req.method === 'OPTIONS' && header(req, 'access-control-request-method') !== undefined) {
    return preflight(policy, req, allowed ? origin : undefined);
  }
  const result = await next();
  const headers: SigilResult['headers'] = { ...result.headers, vary: withVary(result.headers.vary, 'Origin') };
  if (allowed) {
    headers['access-control-allow-origin'] = origin;
    if (policy.exposeHeaders?.length) headers['access-control-expose-headers'] = policy.exposeHeaders.join(', ');
  }
  return { ...result, headers };
}

// Fetch standard §4.8 (CORS-preflight fetch): any header the origin's script asks for is allowed,
// as Duende's policy does; the origin is trusted by configuration, the endpoint still checks everything.
function preflight(policy: CorsPolicy, req: SigilRequest, origin: string | undefined): SigilResult {
  const methods = policy.methods.join(', ');
  const vary = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
  if (origin === undefined) return empty(204, { allow: `${methods}, OPTIONS`, vary });
  const requested = header(req, 'access-control-request-headers')?.trim();
  const allowHeaders =
    requested && requested.length <= MAX_HEADER_LIST && HEADER_LIST.test(requested) ? requested : DEFAULT_ALLOW_HEADERS;
  return empty(204, {
    allow: `${methods}, OPTIONS`,
    vary,
    'access-control-allow-origin': origin,
    'access-control-allow-methods': methods,
    'access-control-allow-headers': allowHeaders,
    'access-control-max-age': PREFLIGHT_MAX_AGE,
  });
}

function withVary(current: string | string[] | undefined, name: string): string | string[] {
  if (current === undefined) return name;
  return Array.isArray(current) ? [...current, name] : `${current}, ${name}`;
}
