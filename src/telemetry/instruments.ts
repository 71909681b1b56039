/**
 * The names Sigil's spans and metrics use, and the metric instruments, created once per server.
 */
import type { Counter, Histogram, Meter } from '@opentelemetry/api';

/** The instrumentation scope of Sigil's spans and metrics. */
export const INSTRUMENTATION_SCOPE = 'sigil-identity';

/** Attribute names Sigil sets besides the HTTP semantic conventions. */
export const ATTR = {
  clientId: 'sigil.client_id',
  grantType: 'sigil.grant_type',
  tokenType: 'sigil.token_type',
  oauthError: 'sigil.oauth.error',
  authMethod: 'sigil.client_auth.method',
  active: 'sigil.introspection.active',
} as const;

/** The metric instruments, created once. */
export interface Instruments {
  /** `sigil.tokens.issued`: one per token in a successful token response. */
  readonly tokensIssued: Counter;
  /** `sigil.requests.duration`: seconds per request, by route, method and status. */
  readonly requestDuration: Histogram;
  /** `sigil.client_auth.failures`: failed client authentications, by the method tried. */
  readonly clientAuthFailures: Counter;
  /** `sigil.introspection.requests`: answered introspection requests, by `active`. */
  readonly introspections: Counter;
}

/** Create the instruments on `meter` (the global provider's `sigil-identity` meter). */
export function createInstruments(meter: Meter): Instruments {
  return {
    tokensIssued: meter.createCounter('sigil.tokens.issued', {
      description: 'Tokens issued by the token endpoint',
      unit: '{token}',
    }),
    requestDuration: meter.createHistogram('sigil.requests.duration', {
      description: 'Duration of requests to Sigil endpoints',
      unit: 's',
      advice: { explicitBucketBoundaries: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] },
    }),
    clientAuthFailures: meter.createCounter('sigil.client_auth.failures', {
      description: 'Failed client authentications',
      unit: '{failure}',
    }),
    introspections: meter.createCounter('sigil.introspection.requests', {
      description: 'Answered token introspection requests',
      unit: '{request}',
    }),
  };
}
