/**
 * OpenTelemetry through `@opentelemetry/api` only: the tracer, the meter and its instruments are
 * obtained once, when the server is created. Without an SDK registered by the host every call is
 * a no-op. Attributes carry identifiers (client id, grant type, OAuth error code), never a secret,
 * token, code, password or header value.
 */
import { type Tracer, trace } from '@opentelemetry/api';
import type { RouteWrapper } from '../host/router.js';
import { type EventObserver, observeEvents } from './event-telemetry.js';
import { createInstruments, INSTRUMENTATION_SCOPE } from './instruments.js';
import { wrapRoutes } from './request-telemetry.js';

/** What the server wires in: a route wrapper and an event observer, each absent when unused. */
export interface Telemetry {
  /** Wraps each route in a span and a duration measurement; undefined when both are off. */
  readonly wrapRoute?: RouteWrapper;
  /** Turns events into metrics and span attributes; undefined when both are off. */
  readonly observeEvent?: EventObserver;
}

/**
 * Obtain the tracer and meter from the global providers. A tracer obtained before the host
 * registers its SDK still follows it (the API returns a proxy); a meter does not, so register the
 * SDK before creating the server.
 */
export function createTelemetry(options: { readonly tracing: boolean; readonly metrics: boolean }): Telemetry {
  const tracer: Tracer | undefined = options.tracing ? trace.getTracer(INSTRUMENTATION_SCOPE) : undefined;
  const instruments = options.metrics ? createInstruments() : undefined;
  if (!tracer && !instruments) return {};
  return { wrapRoute: wrapRoutes(tracer, instruments), observeEvent: observeEvents(tracer !== undefined, instruments) };
}
