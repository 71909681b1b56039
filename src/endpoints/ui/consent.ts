/**
 * The built-in consent page (`/consent`): the requested scopes with their display names, required
 * ones fixed, `offline_access` emphasized, "Remember my decision" when the client allows it.
 * Allow and Deny go through the interaction API; Deny raises `ConsentDenied`.
 */
import { MethodNotAllowed } from '../../errors/oauth-error.js';
import type { SigilRequest } from '../../host/request.js';
import { redirect, type SigilResult } from '../../host/result.js';
import type { Endpoint } from '../../host/router.js';
import type { AuthorizationContext, RequestedScope } from '../../interaction/authorization-context.js';
import { withCookies } from '../../response/authorize/response-modes.js';
import { type ConsentScope, FORM_FIELDS as F } from '../../ui/models.js';
import { getStrings } from '../../ui/strings/index.js';
import { badRequestPage, field, page, readPageForm, type UiDeps } from './ui-deps.js';

const binding = (returnUrl: string) => `consent:${returnUrl}`;

const toScope = (s: RequestedScope): ConsentScope => ({
  value: s.name,
  displayName: s.displayName,
  description: s.description,
  required: s.required,
  emphasize: s.emphasize,
});

/** GET|POST /consent */
export function consentEndpoint(deps: UiDeps): Endpoint {
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'POST') throw new MethodNotAllowed(['GET', 'POST']);
    const form = req.method === 'POST' ? readPageForm(req) : new URLSearchParams(req.search);
    if (!form) return badRequestPage(deps, req, 'the consent form must be posted as application/x-www-form-urlencoded');
    const returnUrl = field(form, F.returnUrl, 8192);
    const context = await deps.interaction.getAuthorizationContext(returnUrl);
    if (!returnUrl || !context)
      return badRequestPage(deps, req, 'the return URL is not a pending authorization request');
    const { session, cookies } = await deps.rt.sessions.getSession(req);
    // Without a session the callback sends the user to the login page first.
    if (!session) return withCookies(redirect(returnUrl), cookies);
    if (req.method === 'GET') return renderConsent(deps, req, returnUrl, context, cookies);
    if (!deps.rt.antiforgery.verify(req, field(form, F.csrf, 1024), binding(returnUrl)))
      return badRequestPage(
        deps,
        req,
        'the consent form expired or was not sent from this site; go back and try again',
      );
    const decision = field(form, F.decision);
    if (decision === 'deny') {
      const ctx = deps.rt.ctx;
      if (ctx.events.enabled('Information'))
        ctx.events.raise(
          {
            name: 'ConsentDenied',
            id: 4001,
            type: 'Information',
            category: 'Grants',
            subjectId: session.subjectId,
            clientId: context.client.clientId,
            requestedScopes: [...context.scopes],
          },
          req,
        );
      const { redirectTo } = await deps.interaction.denyAuthorization(
        returnUrl,
        'access_denied',
        'the user denied consent',
      );
      return withCookies(redirect(redirectTo), cookies);
    }
    if (decision !== 'allow') return badRequestPage(deps, req, '"decision" must be allow or deny');
    const result = await deps.interaction.grantConsent(req, returnUrl, {
      scopes: form.getAll(F.scopes),
      remember: field(form, F.rememberConsent) === 'true',
    });
    return withCookies(redirect(result.redirectTo), [...cookies, ...result.cookies]);
  };
}

function renderConsent(
  deps: UiDeps,
  req: SigilRequest,
  returnUrl: string,
  context: AuthorizationContext,
  cookies: readonly string[],
): SigilResult {
  const strings = getStrings(context.uiLocales).consent;
  const client = deps.rt.ctx.clients.find(context.client.clientId);
  const apiScopes = context.apiScopes.map(toScope);
  if (context.offlineAccess) {
    apiScopes.push({
      value: 'offline_access',
      displayName: strings.offlineAccess,
      description: strings.offlineAccessDescription,
      emphasize: true,
    });
  }
  const { token, cookies: afCookies } = deps.rt.antiforgery.issue(req, binding(returnUrl));
  const body = deps.rt.renderer.consent({
    returnUrl,
    csrf: token,
    clientName: context.client.clientName ?? context.client.clientId,
    identityScopes: context.identityScopes.map(toScope),
    apiScopes,
    allowRememberConsent: client?.allowRememberConsent ?? false,
    uiLocales: context.uiLocales,
  });
  return page(200, body, [...cookies, ...afCookies], context.redirectUri);
}
