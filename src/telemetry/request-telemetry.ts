/**
 * One span per request, named after the route (`sigil.token`), and the `sigil.requests.duration`
 * histogram. Attributes follow the HTTP semantic conventions; the query string, headers and body
 * never become attributes (they carry codes, tokens and credentials).
 */
import {
  type Attributes,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { SigilRequest } from '../host/request.js';
import type { SigilResult } from '../host/result.js';
import type { Route, RouteWrapper, ServeRoute } from '../host/router.js';
import { ENDPOINT_PATHS } from '../server/endpoint-urls.js';
import { ATTR, type Instruments } from './instruments.js';

// Semantic conventions: an unknown method is reported as `_OTHER`, so it cannot grow cardinality.
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'CONNECT', 'TRACE']);
const ERROR_IN_BODY = /"error"\s*:\s*"([a-z_]{1,64})"/;
const ERROR_IN_CHALLENGE = /\berror="([a-z_]{1,64})"/;

/** A route wrapper that adds a span (with `tracer`) and a duration (with `instruments`) to every request. */
export function wrapRoutes(tracer: Tracer | undefined, instruments: Instruments | undefined): RouteWrapper {
  const duration = instruments?.requestDuration;
  return (route, serve) => {
    const name = spanName(route);
    if (!tracer) return duration ? timed(route.path, serve, duration) : serve;
    return async (req) => {
      const start = duration ? performance.now() : 0;
      const method = METHODS.has(req.method) ? req.method : '_OTHER';
      const span = startSpan(tracer, name, route.path, method, req);
      let result: SigilResult;
      try {
        result = await context.with(trace.setSpan(context.active(), span), serve, undefined, req);
      } catch (e) {
        // The router's boundary answers every error; this only keeps a broken adapter visible.
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
        throw e;
      }
      if (span.isRecording()) finishSpan(span, result);
      span.end();
      duration?.record((performance.now() - start) / 1000, metricAttributes(route.path, method, result.status));
      return result;
    };
  };
}

/** `sigil.` and the route's name among the endpoint paths, else its path with dots: `sigil.account.login`. */
export function spanName(route: Route): string {
  for (const [key, path] of Object.entries(ENDPOINT_PATHS))
    if (path === route.path) return `sigil.${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
  return `sigil.${route.path.replace(/^\/+/, '').replace(/\//g, '.') || 'root'}`;
}

function timed(route: string, serve: ServeRoute, duration: Instruments['requestDuration']): ServeRoute {
  return async (req) => {
    const start = performance.now();
    const result = await serve(req);
    const method = METHODS.has(req.method) ? req.method : '_OTHER';
    duration.record((performance.now() - start) / 1000, metricAttributes(route, method, result.status));
    return result;
  };
}

function metricAttributes(route: string, method: string, status: number): Attributes {
  return { 'http.route': route, 'http.request.method': method, 'http.response.status_code': status };
}

function startSpan(tracer: Tracer, name: string, route: string, method: string, req: SigilRequest): Span {
  const active = context.active();
  // Under a host's HTTP instrumentation the request already has a server span: nest inside it.
  // Otherwise continue the caller's trace from `traceparent` (when the host registered a propagator).
  const nested = trace.getSpan(active) !== undefined;
  const parent = nested ? active : propagation.extract(active, req.headers);
  return tracer.startSpan(
    name,
    {
      kind: nested ? SpanKind.INTERNAL : SpanKind.SERVER,
      attributes: { 'http.request.method': method, 'url.path': req.path, 'http.route': route },
    },
    parent,
  );
}

function finishSpan(span: Span, result: SigilResult): void {
  span.setAttribute('http.response.status_code', result.status);
  if (result.status < 400) return;
  const error = oauthError(result);
  if (error) span.setAttribute(ATTR.oauthError, error);
  if (result.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: error });
}

/** The RFC 6749 §5.2 `error` of an error answer, from its JSON body or its `WWW-Authenticate` challenge. */
function oauthError(result: SigilResult): string | undefined {
  if (typeof result.body === 'string' && String(result.headers['content-type']).startsWith('application/json')) {
    const m = ERROR_IN_BODY.exec(result.body);
    if (m) return m[1];
  }
  const challenge = result.headers['www-authenticate'];
  const m = challenge === undefined ? null : ERROR_IN_CHALLENGE.exec(String(challenge));
  return m ? m[1] : undefined;
}
