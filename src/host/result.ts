/**
 * What an endpoint returns: a status, headers and a body. The host writes it; there is one
 * writer per host (node:http, fetch), not per endpoint.
 */
export interface SigilResult {
  status: number;
  headers: Record<string, string | string[]>;
  body?: string | Buffer;
}

const NO_STORE = 'no-store';

/** A JSON response. `body` may be a pre-serialised string (the hot path uses this). */
export function json(status: number, body: unknown, headers: Record<string, string | string[]> = {}): SigilResult {
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': NO_STORE,
      pragma: 'no-cache',
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

/** A 303 redirect (RFC 9700 §4.12: never 307 for requests that carried credentials). */
export function redirect(location: string, headers: Record<string, string | string[]> = {}): SigilResult {
  return { status: 303, headers: { location, 'cache-control': NO_STORE, ...headers } };
}

/** Security headers for every HTML page (RFC 9700 §4.16 clickjacking; CSP without inline scripts). */
export function htmlSecurityHeaders(extraCsp = ''): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'${extraCsp}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': NO_STORE,
  };
}

/** An HTML page with the default security headers. */
export function html(status: number, body: string, headers: Record<string, string | string[]> = {}): SigilResult {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...htmlSecurityHeaders(), ...headers },
    body,
  };
}

/** An empty response. */
export function empty(status: number, headers: Record<string, string | string[]> = {}): SigilResult {
  return { status, headers: { 'cache-control': NO_STORE, ...headers } };
}

/**
 * A public JSON document (discovery, JWKS): cacheable for `maxAge` seconds (`no-cache` at 0) and
 * readable cross-origin, as browser clients fetch it.
 */
export function publicJson(body: string, maxAge: number): SigilResult {
  return {
    status: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': maxAge > 0 ? `public, max-age=${maxAge}` : 'no-cache',
      'access-control-allow-origin': '*',
    },
    body,
  };
}
