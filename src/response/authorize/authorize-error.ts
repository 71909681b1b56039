/**
 * The one error boundary of the authorize endpoints (STYLE rule 5, Duende `AuthorizeResult`).
 * Only the user-facing outcomes go back to the client, and only once its redirect URI was
 * validated; every other error, and anything unexpected, goes to our error page, never to a
 * redirect URI (RFC 9700 §4.11.2: the authorization server as open redirector).
 */
import { randomId } from '../../crypto/handles.js';
import { isOAuthError, type OAuthError } from '../../errors/oauth-error.js';
import type { SigilRequest } from '../../host/request.js';
import { html, redirect, type SigilResult } from '../../host/result.js';
import { type ErrorMessage, storeErrorMessage } from '../../interaction/error-messages.js';
import { type InteractionRuntime, withQuery } from '../../interaction/runtime.js';
import { type AuthorizeResponseTarget, authorizeResponse } from './response-modes.js';

/** Errors that are sent back to a validated redirect URI (Duende 7.2's list). */
export const CLIENT_FACING_ERRORS: ReadonlySet<string> = new Set([
  'access_denied',
  'login_required',
  'consent_required',
  'interaction_required',
  'account_selection_required',
  'temporarily_unavailable',
]);

/** Render `e`: back to the client when it is user-facing and `target` is known, else the error page. */
export async function authorizeErrorResult(
  rt: InteractionRuntime,
  req: SigilRequest,
  e: unknown,
  target: AuthorizeResponseTarget | undefined,
  endpoint = 'Authorize',
): Promise<SigilResult> {
  const { ctx } = rt;
  const error: OAuthError | undefined = isOAuthError(e) ? e : undefined;
  if (!error) {
    const err = e instanceof Error ? e : new Error(String(e));
    ctx.logger.error({ err, path: req.path, reqId: req.id }, 'unhandled exception');
    if (ctx.events.enabled('Error'))
      ctx.events.raise(
        { name: 'UnhandledException', id: 3000, type: 'Error', category: 'Error', details: err.message },
        req,
      );
  } else {
    ctx.logger.debug({ error: error.error, detail: error.detail, path: req.path, reqId: req.id }, error.description);
    if (ctx.events.enabled('Failure'))
      ctx.events.raise(
        {
          name: 'TokenIssuedFailure',
          id: 2001,
          type: 'Failure',
          category: 'Token',
          clientId: target?.clientId,
          endpoint,
          error: error.error,
          errorDescription: error.description,
        },
        req,
      );
  }
  const code = error?.error ?? 'server_error';
  const description = error && error.status < 500 ? error.description : 'an unexpected error occurred';
  if (target && CLIENT_FACING_ERRORS.has(code)) {
    return authorizeResponse(rt, target, { error: code, error_description: description }, true);
  }
  return showErrorPage(rt, req, 'authorization request failed', {
    error: code,
    errorDescription: description,
    clientId: target?.clientId,
    uiLocales: target?.uiLocales,
  });
}

/**
 * Send the browser to the error page (built-in or `ui.errorUrl`) with `message` stored under an
 * `errorId`, and log `logMessage` with a reference the user can quote from the page.
 */
export async function showErrorPage(
  rt: InteractionRuntime,
  req: SigilRequest,
  logMessage: string,
  message: Omit<ErrorMessage, 'requestId'>,
): Promise<SigilResult> {
  const { ctx } = rt;
  // A reference the user can quote from the error page, and support can find in the log.
  const reference = req.id ?? randomId(9);
  ctx.logger.info({ reference, error: message.error, clientId: message.clientId }, logMessage);
  const errorId = await storeErrorMessage(ctx, { ...message, requestId: reference }).catch(() => undefined);
  if (errorId === undefined) return errorPageResult(rt, message, 500);
  return redirect(withQuery(rt.urls.error, 'errorId', errorId));
}

/** The built-in error page for a message, with every page's security headers. */
export function errorPageResult(
  rt: InteractionRuntime,
  m: { error: string; errorDescription?: string; requestId?: string; uiLocales?: string },
  status = 400,
): SigilResult {
  return html(status, rt.renderer.error(m));
}
