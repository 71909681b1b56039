/**
 * The authorize pipeline shared by `/connect/authorize` and its callback: validate with the shared
 * table, read the session, decide the interaction, then redirect to a page, answer the client, or
 * issue the response. One catch renders every failure through the authorize error boundary.
 */
import type { ServerContext } from '../context.js';
import { AccessDenied } from '../errors/oauth-error.js';
import type { Params } from '../host/form.js';
import type { SigilRequest } from '../host/request.js';
import { redirect, type SigilResult } from '../host/result.js';
import {
  PENDING_AUTHORIZATION_LIFETIME,
  type PendingAuthorization,
  pendingReturnUrl,
} from '../interaction/pending-authorization.js';
import { type InteractionRuntime, withQuery } from '../interaction/runtime.js';
import { authorizeErrorResult } from '../response/authorize/authorize-error.js';
import { generateAuthorizeResponse } from '../response/authorize/authorize-response.js';
import { decideInteraction } from '../response/authorize/interaction-decision.js';
import { type AuthorizeResponseTarget, authorizeResponse, withCookies } from '../response/authorize/response-modes.js';
import { defaultResponseMode } from '../validation/authorize/check-response-mode.js';
import type { AuthorizeDraft } from '../validation/authorize/types.js';
import { newAuthorizeDraft, validateAuthorizeRequest } from '../validation/authorize/validate-authorize-request.js';

/** Where responses and user-facing errors go, once the client and redirect URI are validated. */
export function responseTarget(d: AuthorizeDraft): AuthorizeResponseTarget | undefined {
  if (!d.client || !d.redirectUri) return undefined;
  return {
    clientId: d.client.clientId,
    clientName: d.client.clientName,
    redirectUri: d.redirectUri,
    responseMode: d.responseMode ?? defaultResponseMode(d.responseType),
    state: d.state,
    uiLocales: d.uiLocales,
  };
}

/**
 * The URL of a page with `returnUrl`. A page on another origin gets an absolute return URL on the
 * issuer's origin, which the interaction API accepts (Duende does the same).
 */
export function pageUrl(ctx: ServerContext, page: string, returnUrl: string): string {
  const origin = new URL(ctx.issuer).origin;
  const foreign = /^https?:\/\//i.test(page) && new URL(page).origin !== origin;
  return withQuery(page, 'returnUrl', foreign ? origin + returnUrl : returnUrl);
}

/**
 * Run an authorization request; `resumed` is set when resuming from the login or consent page,
 * `pushed` when `params` came from a consumed pushed authorization request (RFC 9126 §4). A
 * resumed request remembers whether it was pushed, in its sealed return URL.
 */
export async function runAuthorize(
  rt: InteractionRuntime,
  req: SigilRequest,
  params: Params,
  resumed?: { pending: PendingAuthorization; expired: boolean },
  pushed = false,
): Promise<SigilResult> {
  const { ctx } = rt;
  const draft = newAuthorizeDraft(ctx, params, 'authorize', { pushed: resumed ? resumed.pending.pushed : pushed });
  let cookies: readonly string[] = [];
  try {
    const request = await validateAuthorizeRequest(draft);
    const lookup = await rt.sessions.getSession(req);
    cookies = lookup.cookies;
    // An abandoned sign-in is answered to the client instead of stranding the user on an error page.
    if (resumed?.expired) throw new AccessDenied('the sign-in took too long; start again from the application');
    const now = ctx.now();
    const pending = resumed?.pending ?? {
      parameters: request.parameters,
      issuedAt: now,
      expiresAt: now + PENDING_AUTHORIZATION_LIFETIME,
      ...(draft.pushed ? { pushed: true } : {}),
    };
    const decision = await decideInteraction(rt, request, lookup.session, pending);
    switch (decision.kind) {
      case 'error':
        throw decision.error;
      case 'login':
        ctx.logger.debug({ clientId: request.client.clientId, reason: decision.reason }, 'showing the login page');
        return withCookies(redirect(pageUrl(ctx, rt.urls.login, await pendingReturnUrl(ctx, pending))), cookies);
      case 'create':
        return withCookies(
          redirect(pageUrl(ctx, rt.urls.createAccount ?? rt.urls.login, await pendingReturnUrl(ctx, pending))),
          cookies,
        );
      case 'consent':
        return withCookies(redirect(pageUrl(ctx, rt.urls.consent, await pendingReturnUrl(ctx, pending))), cookies);
      case 'proceed': {
        const response = await generateAuthorizeResponse(rt, req, request, decision.session, decision.scopes);
        const added = await rt.sessions.addClient(decision.session, request.client.clientId);
        const target = responseTarget(draft)!;
        return withCookies(authorizeResponse(rt, target, response, false), [...cookies, ...added.cookies]);
      }
    }
  } catch (e) {
    return withCookies(await authorizeErrorResult(rt, req, e, responseTarget(draft)), cookies);
  }
}
