/**
 * The built-in logout page (`/account/logout?logoutId=…`). GET asks "Do you want to sign out?"
 * unless the request carried a valid `id_token_hint` for the signed-in user (or nobody is signed
 * in); POST checks the anti-forgery token and signs out. Afterwards the browser goes straight to
 * the post-logout redirect, or, when clients must be told through front-channel iframes, sees the
 * "signed out" page with the frames and a link back to the client.
 */
import { isOAuthError, MethodNotAllowed } from '../../errors/oauth-error.js';
import type { SigilRequest } from '../../host/request.js';
import { html, htmlSecurityHeaders, redirect, type SigilResult } from '../../host/result.js';
import type { Endpoint } from '../../host/router.js';
import type { LogoutContext, LogoutResult } from '../../logout/sign-out.js';
import { withCookies } from '../../response/authorize/response-modes.js';
import { frameSrcCsp } from '../../ui/csp.js';
import { FORM_FIELDS as F } from '../../ui/models.js';
import { badRequestPage, field, page, readPageForm, type UiDeps } from './ui-deps.js';

const binding = (logoutId: string | undefined) => `logout:${logoutId ?? ''}`;

/** Seconds the "signed out" page waits for front-channel frames before following the redirect. */
const SIGNED_OUT_REDIRECT_DELAY = 2;

/** GET|POST /account/logout */
export function logoutEndpoint(deps: UiDeps): Endpoint {
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'POST') throw new MethodNotAllowed(['GET', 'POST']);
    const form = req.method === 'POST' ? readPageForm(req) : new URLSearchParams(req.search);
    if (!form)
      return badRequestPage(deps, req, 'the sign-out form must be posted as application/x-www-form-urlencoded');
    if (form.getAll(F.logoutId).length > 1) return badRequestPage(deps, req, '"logoutId" must not be repeated');
    const logoutId = field(form, F.logoutId, 8192);
    let context: LogoutContext;
    try {
      context = await deps.interaction.getLogoutContext(req, logoutId);
    } catch (e) {
      if (isOAuthError(e)) return badRequestPage(deps, req, e.description);
      throw e;
    }
    if (req.method === 'GET' && context.showSignOutPrompt) return renderPrompt(deps, req, logoutId, context);
    if (req.method === 'POST' && !deps.rt.antiforgery.verify(req, field(form, F.csrf, 1024), binding(logoutId)))
      return badRequestPage(
        deps,
        req,
        'the sign-out form expired or was not sent from this site; go back and try again',
      );
    return signedOut(deps, await deps.interaction.signOut(req, logoutId), context);
  };
}

function renderPrompt(deps: UiDeps, req: SigilRequest, logoutId: string | undefined, context: LogoutContext) {
  const { token, cookies } = deps.rt.antiforgery.issue(req, binding(logoutId));
  const body = deps.rt.renderer.logout({ csrf: token, logoutId, uiLocales: context.uiLocales });
  return page(200, body, cookies);
}

/** Straight to the client when no frame must load first; else the "signed out" page. */
function signedOut(deps: UiDeps, result: LogoutResult, context: LogoutContext): SigilResult {
  if (result.frontChannelLogoutUrls.length === 0 && result.postLogoutRedirectUri)
    return withCookies(redirect(result.postLogoutRedirectUri), result.cookies);
  const body = deps.rt.renderer.loggedOut({
    postLogoutRedirectUri: result.postLogoutRedirectUri,
    clientName: result.clientName,
    frontChannelLogoutUrls: result.frontChannelLogoutUrls,
    uiLocales: context.uiLocales,
  });
  const headers: Record<string, string> = htmlSecurityHeaders(frameSrcCsp(result.frontChannelLogoutUrls));
  // The frames get time to load, then the browser continues by itself (HTML's Refresh, no script).
  if (result.postLogoutRedirectUri && deps.rt.ctx.options.ui.automaticRedirectAfterSignOut !== false)
    headers.refresh = `${SIGNED_OUT_REDIRECT_DELAY}; url=${result.postLogoutRedirectUri}`;
  return withCookies(html(200, body, headers), result.cookies);
}
