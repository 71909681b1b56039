/**
 * The end-session endpoint (OpenID Connect RP-Initiated Logout 1.0 §2): GET with a query, or POST
 * with a form. A valid request is sealed into a `logoutId` and the browser goes to the logout page
 * (built-in, or `ui.logoutUrl`), which asks the user when needed, signs out, notifies the clients
 * and follows the post-logout redirect. An invalid request shows the error page and never
 * redirects (§3).
 */
import { isOAuthError, MethodNotAllowed } from '../errors/oauth-error.js';
import { readForm, readQuery } from '../host/body.js';
import { redirect } from '../host/result.js';
import type { Endpoint } from '../host/router.js';
import { type InteractionRuntime, withQuery } from '../interaction/runtime.js';
import { sealLogoutRequest } from '../logout/logout-request.js';
import { showErrorPage } from '../response/authorize/authorize-error.js';
import { validateEndSessionRequest } from '../validation/end-session/validate-end-session-request.js';

/** GET|POST /connect/endsession */
export function endSessionEndpoint(rt: InteractionRuntime): Endpoint {
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'POST') throw new MethodNotAllowed(['GET', 'POST']);
    const { ctx } = rt;
    try {
      const params = req.method === 'GET' ? readQuery(req) : readForm(req, 415);
      const request = validateEndSessionRequest(ctx, params);
      return redirect(withQuery(rt.urls.logout, 'logoutId', sealLogoutRequest(ctx, request)));
    } catch (e) {
      // 405, 413 and 415 stay protocol errors; everything else is for the user to read.
      if (!isOAuthError(e) || e.status !== 400) throw e;
      ctx.logger.debug({ error: e.error, path: req.path, reqId: req.id }, e.description);
      return showErrorPage(rt, req, 'end-session request failed', {
        error: e.error,
        errorDescription: e.description,
      });
    }
  };
}
