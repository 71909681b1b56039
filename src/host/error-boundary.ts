/**
 * The single place where pipeline errors become responses (STYLE rule 5). OAuth errors render as
 * RFC 6749 §5.2 JSON; anything unexpected is logged with its detail and answered with a generic
 * `server_error`, raising `UnhandledException`.
 */
import type { ServerContext } from '../context.js';
import { isOAuthError, type OAuthError } from '../errors/oauth-error.js';
import type { SigilRequest } from './request.js';
import { json, type SigilResult } from './result.js';

/** Render an OAuth error as JSON with its status and headers. */
export function oauthErrorResult(e: OAuthError): SigilResult {
  return json(e.status, e.toJSON(), e.headers);
}

/** Convert anything thrown by an endpoint into a result. Never throws. */
export function renderError(e: unknown, ctx: ServerContext, req: SigilRequest): SigilResult {
  if (isOAuthError(e)) {
    if (e.status >= 500) ctx.logger.error({ err: e, detail: e.detail, path: req.path, reqId: req.id }, e.description);
    else if (e.detail)
      ctx.logger.debug({ error: e.error, detail: e.detail, path: req.path, reqId: req.id }, e.description);
    return oauthErrorResult(e);
  }
  const err = e instanceof Error ? e : new Error(String(e));
  ctx.logger.error({ err, path: req.path, reqId: req.id }, 'unhandled exception');
  if (ctx.events.enabled('Error')) {
    ctx.events.raise(
      { name: 'UnhandledException', id: 3000, type: 'Error', category: 'Error', details: err.message },
      req,
    );
  }
  return json(500, { error: 'server_error', error_description: 'an unexpected error occurred' });
}
