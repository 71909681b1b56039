/**
 * OpenTelemetry through `@opentelemetry/api` only: the tracer, the meter and its instruments are
 * obtained once, when the server is created. Without an SDK registered by the host every call is
 * a no-op. Attributes carry identifiers (client id, grant type, OAuth error code), never a secret,
 * token, code, password or header value.
 */
import { createNoopMeter, metrics, ProxyTracer, trace } from '@opentelemetry/api';
import type { RouteWrapper } from '../host/router.js';
import { type EventObserver, observeEvents } from './event-telemetry.js';
import { createInstruments, INSTRUMENTATION_SCOPE } from './instruments.js';
import { wrapRoutes } from './request-telemetry.js';

/** What the server wires in: a route wrapper and an event observer, each absent when unused. */
export interface Telemetry {
  /** Wraps each route in a span and a duration measurement; undefined when both are off or no SDK is registered. */
  readonly wrapRoute?: RouteWrapper;
  /** Turns events into metrics and span attributes; undefined like `wrapRoute`. */
  readonly observeEvent?: EventObserver;
}

/**
 * Obtain the tracer and meter from the global providers, once. When the host has registered no
 * SDK yet, the API hands out a proxy tracer and a no-op meter; Sigil then installs nothing, so
 * a server without an SDK pays nothing per request. Register the SDK before creating the server.
 */
export function createTelemetry(options: { readonly tracing: boolean; readonly metrics: boolean }): Telemetry {
  const tracer = options.tracing ? trace.getTracer(INSTRUMENTATION_SCOPE) : undefined;
  const traced = tracer !== undefined && !(tracer instanceof ProxyTracer) ? tracer : undefined;
  const meter = options.metrics ? metrics.getMeter(INSTRUMENTATION_SCOPE) : undefined;
  const instruments = meter && meter.constructor !== NOOP_METER ? createInstruments(meter) : undefined;
  if (!traced && !instruments) return {};
  return { wrapRoute: wrapRoutes(traced, instruments), observeEvent: observeEvents(traced !== undefined, instruments) };
}

const NOOP_METER = createNoopMeter().constructor;
