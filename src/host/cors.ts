/**
 * CORS for endpoints that browser clients call directly (userinfo): the request's `Origin` is
 * echoed only when a client lists it in `allowedCorsOrigins` (Duende's CORS policy service).
 * Origins are compared exactly; configuration validation has already normalised them.
 */
import type { ServerContext } from '../context.js';
import { header, type SigilRequest } from './request.js';
import { empty, type SigilResult } from './result.js';

/** True when any client allows `origin`. Scans the configured clients (a short list). */
export function isAllowedOrigin(ctx: ServerContext, origin: string): boolean {
  for (const c of ctx.options.clients.values()) if (c.enabled && c.allowedCorsOrigins.includes(origin)) return true;
  return false;
}

/** Headers for an actual CORS request; empty when there is no allowed `Origin`. */
export function corsHeaders(
  req: SigilRequest,
  ctx: ServerContext,
  exposeHeaders: readonly string[] = [],
): Record<string, string> {
  const origin = header(req, 'origin');
  if (origin === undefined || !isAllowedOrigin(ctx, origin)) return {};
  const h: Record<string, string> = { 'access-control-allow-origin': origin, vary: 'Origin' };
  if (exposeHeaders.length > 0) h['access-control-expose-headers'] = exposeHeaders.join(', ');
  return h;
}

/** The answer to a CORS preflight (`OPTIONS`): 204, with the allowances only for an allowed origin. */
export function corsPreflight(req: SigilRequest, ctx: ServerContext, methods: readonly string[]): SigilResult {
  const base = corsHeaders(req, ctx);
  if (!base['access-control-allow-origin']) return empty(204, { allow: [...methods, 'OPTIONS'].join(', ') });
  return empty(204, {
    ...base,
    'access-control-allow-methods': methods.join(', '),
    'access-control-allow-headers': 'Authorization, Content-Type',
    'access-control-max-age': '600',
  });
}
