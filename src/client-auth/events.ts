/**
 * Authentication audit events (Duende `ClientAuthenticationSuccessEvent` and friends). Payloads
 * name the client and the method; they never carry a secret or an assertion.
 */
import type { ServerContext } from '../context.js';
import type { SigilRequest } from '../host/request.js';

function origin(req: SigilRequest): { id?: string; remoteAddress?: string } {
  return { id: req.id, remoteAddress: req.remoteAddress };
}

/** Raise `ClientAuthenticationSuccess` (Duende id 1010) when success events are on. */
export function raiseClientSuccess(ctx: ServerContext, req: SigilRequest, clientId: string, method: string): void {
  if (!ctx.events.enabled('Success')) return;
  ctx.events.raise(
    {
      name: 'ClientAuthenticationSuccess',
      id: 1010,
      type: 'Success',
      category: 'Authentication',
      clientId,
      authenticationMethod: method,
    },
    origin(req),
  );
}

/** Raise `ClientAuthenticationFailure` (Duende id 1011) when failure events are on. */
export function raiseClientFailure(
  ctx: ServerContext,
  req: SigilRequest,
  error: string,
  clientId?: string,
  method?: string,
): void {
  if (!ctx.events.enabled('Failure')) return;
  ctx.events.raise(
    {
      name: 'ClientAuthenticationFailure',
      id: 1011,
      type: 'Failure',
      category: 'Authentication',
      clientId,
      authenticationMethod: method,
      error,
    },
    origin(req),
  );
}

/** Raise `ApiAuthenticationSuccess` (Duende id 1020) when success events are on. */
export function raiseApiSuccess(ctx: ServerContext, req: SigilRequest, apiName: string, method: string): void {
  if (!ctx.events.enabled('Success')) return;
  ctx.events.raise(
    {
      name: 'ApiAuthenticationSuccess',
      id: 1020,
      type: 'Success',
      category: 'Authentication',
      apiName,
      authenticationMethod: method,
    },
    origin(req),
  );
}

/** Raise `ApiAuthenticationFailure` (Duende id 1021) when failure events are on. */
export function raiseApiFailure(
  ctx: ServerContext,
  req: SigilRequest,
  error: string,
  apiName?: string,
  method?: string,
): void {
  if (!ctx.events.enabled('Failure')) return;
  ctx.events.raise(
    {
      name: 'ApiAuthenticationFailure',
      id: 1021,
      type: 'Failure',
      category: 'Authentication',
      apiName,
      authenticationMethod: method,
      error,
    },
    origin(req),
  );
}
