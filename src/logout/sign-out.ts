/**
 * Signing a user out (Duende `IIdentityServerInteractionService.GetLogoutContextAsync` and the
 * logout page's sign-out): end the login session, raise `UserLogoutSuccess`, start back-channel
 * notifications, and compute the front-channel iframes and the post-logout redirect.
 */

import type { ServerContext } from '../context.js';
import { InvalidRequest } from '../errors/oauth-error.js';
import { withQuery } from '../interaction/runtime.js';
import type { CookieSource } from '../sessions/cookies.js';
import type { SessionService } from '../sessions/session-service.js';
import type { UserSession } from '../sessions/types.js';
import type { BackChannelNotifier } from './back-channel.js';
import { frontChannelLogoutUrls } from './front-channel.js';
import { type LogoutRequest, openLogoutRequest } from './logout-request.js';

/** What the logout page needs to know about a sign-out request. */
export interface LogoutContext {
  /** The client that asked for the logout, when it identified itself. */
  readonly clientId?: string;
  readonly clientName?: string;
  /** The validated `post_logout_redirect_uri` (without `state`). */
  readonly postLogoutRedirectUri?: string;
  /**
   * Ask the user before signing out. False only when a valid `id_token_hint` names the signed-in
   * user (RP-Initiated Logout 1.0 §6: other requests could be forged to log users out), or when
   * nobody is signed in.
   */
  readonly showSignOutPrompt: boolean;
  /** The signed-in user, if any. */
  readonly subjectId?: string;
  readonly uiLocales?: string;
}

/** The outcome of a sign-out. */
export interface LogoutResult {
  /** Cookies to set on the response (the session cookie's deletion). */
  readonly cookies: readonly string[];
  /** The session that ended, if the browser had one. */
  readonly session?: UserSession;
  /** Where to send the browser afterwards: the post-logout redirect URI with `state`. */
  readonly postLogoutRedirectUri?: string;
  readonly clientName?: string;
  /** Front-channel logout URLs to load in hidden iframes on the "signed out" page. */
  readonly frontChannelLogoutUrls: readonly string[];
  /** Settles when every back-channel notification was delivered or given up. */
  readonly backChannel: Promise<void>;
}

/** What signing out uses. */
export interface SignOutDeps {
  readonly ctx: ServerContext;
  readonly sessions: SessionService;
  readonly backChannel: BackChannelNotifier;
}

/** The request behind `logoutId`; `invalid_request` when the id is not valid (or has expired). */
export function requireLogoutRequest(ctx: ServerContext, logoutId: string | undefined): LogoutRequest | undefined {
  if (logoutId === undefined) return undefined;
  const request = openLogoutRequest(ctx, logoutId);
  if (!request) throw new InvalidRequest('the sign-out request is not valid or has expired');
  return request;
}

/** The logout context of a browser and an optional `logoutId`. */
export async function getLogoutContext(
  deps: SignOutDeps,
  req: CookieSource,
  logoutId: string | undefined,
): Promise<LogoutContext> {
  const request = requireLogoutRequest(deps.ctx, logoutId);
  const { session } = await deps.sessions.getSession(req);
  const client = request?.clientId ? deps.ctx.clients.find(request.clientId) : undefined;
  const hinted =
    session !== undefined &&
    request?.hintSubjectId === session.subjectId &&
    (request.hintSessionId === undefined || request.hintSessionId === session.sessionId);
  return {
    clientId: request?.clientId,
    clientName: client?.clientName ?? request?.clientId,
    postLogoutRedirectUri: request?.postLogoutRedirectUri,
    showSignOutPrompt: session !== undefined && !hinted,
    subjectId: session?.subjectId,
    uiLocales: request?.uiLocales,
  };
}

/** Sign the browser's user out and notify the clients of the session. */
export async function signOut(
  deps: SignOutDeps,
  req: CookieSource,
  logoutId: string | undefined,
): Promise<LogoutResult> {
  const { ctx } = deps;
  const request = requireLogoutRequest(ctx, logoutId);
  const { session, cookies } = await deps.sessions.signOut(req);
  const client = request?.clientId ? ctx.clients.find(request.clientId) : undefined;
  let redirectUri = request?.postLogoutRedirectUri;
  // RP-Initiated Logout 1.0 §3: state goes back unchanged with the post-logout redirect.
  if (redirectUri !== undefined && request?.state !== undefined)
    redirectUri = withQuery(redirectUri, 'state', request.state);
  if (!session)
    return {
      cookies,
      postLogoutRedirectUri: redirectUri,
      clientName: client?.clientName,
      frontChannelLogoutUrls: [],
      backChannel: Promise.resolve(),
    };
  if (ctx.events.enabled('Success'))
    ctx.events.raise({
      name: 'UserLogoutSuccess',
      id: 1002,
      type: 'Success',
      category: 'Authentication',
      subjectId: session.subjectId,
      displayName: session.displayName,
    });
  return {
    cookies,
    session,
    postLogoutRedirectUri: redirectUri,
    clientName: client?.clientName ?? request?.clientId,
    frontChannelLogoutUrls: frontChannelLogoutUrls(ctx, session),
    backChannel: deps.backChannel.notify([session]),
  };
}
