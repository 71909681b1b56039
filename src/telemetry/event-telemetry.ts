/**
 * Metrics and span attributes from the typed events: they already carry who was authenticated,
 * which grant issued which tokens, and whether an introspected token was active. Only identifiers
 * are read; masked token values and descriptions are never copied.
 */
import { trace } from '@opentelemetry/api';
import type { DistributiveOmit } from '../context.js';
import type { EventType, SigilEvent } from '../events/types.js';
import { ATTR, type Instruments } from './instruments.js';

/** Receives events before the event switches apply; `types` are raised even when switched off. */
export interface EventObserver {
  readonly types: ReadonlySet<EventType>;
  observe(event: DistributiveOmit<SigilEvent, 'timestamp'>): void;
}

const OBSERVED: ReadonlySet<EventType> = new Set(['Success', 'Failure']);

/** An observer that counts with `instruments` and, with `tracing`, annotates the request's active span. */
export function observeEvents(tracing: boolean, instruments: Instruments | undefined): EventObserver {
  return {
    types: OBSERVED,
    observe(event) {
      if (instruments) count(instruments, event);
      if (tracing) annotate(event);
    },
  };
}

function count(m: Instruments, event: DistributiveOmit<SigilEvent, 'timestamp'>): void {
  switch (event.name) {
    case 'TokenIssuedSuccess':
      for (const t of event.tokens)
        m.tokensIssued.add(1, {
          [ATTR.grantType]: event.grantType,
          [ATTR.clientId]: event.clientId,
          [ATTR.tokenType]: t.tokenType,
        });
      return;
    case 'ClientAuthenticationFailure':
      // Only the method: the claimed client id is unauthenticated input (any caller could add
      // series), and `error` is the private detail, which names that id.
      m.clientAuthFailures.add(1, event.authenticationMethod ? { [ATTR.authMethod]: event.authenticationMethod } : {});
      return;
    case 'TokenIntrospectionSuccess':
      m.introspections.add(1, { [ATTR.active]: event.isActive });
      return;
    default:
      return;
  }
}

function annotate(event: DistributiveOmit<SigilEvent, 'timestamp'>): void {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return;
  switch (event.name) {
    case 'ClientAuthenticationSuccess':
      span.setAttribute(ATTR.clientId, event.clientId);
      span.setAttribute(ATTR.authMethod, event.authenticationMethod);
      return;
    case 'ClientAuthenticationFailure':
      if (event.authenticationMethod) span.setAttribute(ATTR.authMethod, event.authenticationMethod);
      return;
    case 'TokenIssuedSuccess':
    case 'TokenIssuedFailure':
      if (event.clientId) span.setAttribute(ATTR.clientId, event.clientId);
      if (event.grantType) span.setAttribute(ATTR.grantType, event.grantType);
      return;
    case 'TokenIntrospectionSuccess':
      if (event.clientId) span.setAttribute(ATTR.clientId, event.clientId);
      span.setAttribute(ATTR.active, event.isActive);
      return;
    case 'TokenRevokedSuccess':
      span.setAttribute(ATTR.clientId, event.clientId);
      return;
    default:
      return;
  }
}
