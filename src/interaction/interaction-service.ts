/**
 * The interaction API for login, consent and sign-up pages (Duende
 * `IIdentityServerInteractionService`). The built-in pages use it, and so can a host's own pages in
 * Express, Koa, Fastify or Hono: it works on header values and returns cookies and URLs, never
 * framework objects.
 */
import { storeConsent } from '../consent/consent-store.js';
import { InvalidRequest } from '../errors/oauth-error.js';
import { Params } from '../host/form.js';
import { getLogoutContext, type LogoutContext, type LogoutResult, signOut } from '../logout/sign-out.js';
import { grantedScopes } from '../response/authorize/interaction-decision.js';
import type { CookieSource } from '../sessions/cookies.js';
import type { SignInInput } from '../sessions/session-service.js';
import type { UserSession } from '../sessions/types.js';
import type { ValidatedAuthorizeRequest } from '../validation/authorize/types.js';
import { newAuthorizeDraft, validateAuthorizeRequest } from '../validation/authorize/validate-authorize-request.js';
import { type AuthorizationContext, toAuthorizationContext } from './authorization-context.js';
import { type ErrorMessage, readErrorMessage } from './error-messages.js';
import {
  type InteractionError,
  openReturnUrl,
  type PendingAuthorization,
  pendingReturnUrl,
} from './pending-authorization.js';
import { issuerPath, isValidReturnUrl } from './return-url.js';
import type { InteractionRuntime } from './runtime.js';

/** Who signed in, for {@link InteractionService.signIn}. */
export interface SignInUser extends Omit<SignInInput, 'persistent'> {
  /** The name the user typed, for the `UserLoginSuccess` event. */
  readonly username?: string;
}

/** Where the browser goes next, and the cookies to set on that response. */
export interface InteractionResult {
  readonly redirectTo: string;
  readonly cookies: readonly string[];
}

/** The user's consent decision. */
export interface ConsentDecision {
  /** The scopes the user left checked; required scopes are added, unknown ones ignored. */
  readonly scopes: readonly string[];
  /** Remember the decision (only when the client allows it). */
  readonly remember?: boolean;
}

/**
 * The interaction API.
 *
 * @example
 * ```ts
 * // An Express login page of the host, on the issuer's origin:
 * app.post('/login', express.urlencoded({ extended: false }), async (req, res) => {
 *   const user = await myUsers.check(req.body.username, req.body.password);
 *   if (!user) return res.status(401).render('login', { error: true });
 *   const { cookies, redirectTo } = await sigil.interaction.signIn(
 *     { headers: req.headers },
 *     { subjectId: user.id, displayName: user.name, username: req.body.username },
 *     { returnUrl: req.body.returnUrl, persistent: req.body.remember === 'on' },
 *   );
 *   res.setHeader('set-cookie', [...cookies]).redirect(303, redirectTo);
 * });
 * ```
 */
export interface InteractionService {
  /** The pending request behind a return URL: client, scopes, hints, prompt. Undefined when it is not one. */
  getAuthorizationContext(returnUrl: string | undefined): Promise<AuthorizationContext | undefined>;
  /** True when the login page may send the browser to `returnUrl` (a local URL under the issuer). */
  isValidReturnUrl(returnUrl: string | undefined): boolean;
  /**
   * Sign the user in: the session cookie to set, and where to continue. For a pending authorization
   * `redirectTo` is its return URL marked with this sign-in (send the browser there rather than to
   * the original return URL, so that `prompt=login` and `max_age=0` see the new sign-in even within
   * the same second); for another valid local URL, that URL; else the issuer's root.
   */
  signIn(
    request: CookieSource,
    user: SignInUser,
    options?: { readonly returnUrl?: string; readonly persistent?: boolean },
  ): Promise<InteractionResult & { readonly session: UserSession }>;
  /** Keep the signed-in account for a `prompt=select_account` request. */
  continueAsCurrentUser(request: CookieSource, returnUrl: string): Promise<InteractionResult>;
  /** Record the signed-in user's consent and continue the request. Raises `ConsentGranted`. */
  grantConsent(request: CookieSource, returnUrl: string, decision: ConsentDecision): Promise<InteractionResult>;
  /** Refuse the request: the client receives `error` (default `access_denied`). */
  denyAuthorization(returnUrl: string, error?: InteractionError, description?: string): Promise<InteractionResult>;
  /** The details behind an error page's `errorId`. */
  getErrorContext(errorId: string | undefined): Promise<ErrorMessage | undefined>;
  /**
   * The sign-out request behind a logout page's `logoutId` (absent when the user opened the page
   * directly): the client, the post-logout redirect, and whether to ask before signing out.
   * Throws `invalid_request` when `logoutId` is not valid or has expired.
   */
  getLogoutContext(request: CookieSource, logoutId?: string): Promise<LogoutContext>;
  /**
   * Sign the user out: ends the login session (its cookie deletion is in `cookies`), raises
   * `UserLogoutSuccess`, sends back-channel logout tokens in the background, and returns the
   * front-channel iframe URLs and the post-logout redirect (with `state`) of the request.
   */
  signOut(request: CookieSource, logoutId?: string): Promise<LogoutResult>;
}

/** Create the interaction service. */
export function createInteractionService(rt: InteractionRuntime): InteractionService {
  const { ctx } = rt;
  // A login page on another origin receives absolute return URLs (see `pageUrl`).
  const allowOrigin = [rt.urls.login, rt.urls.consent, rt.urls.createAccount].some(
    (u) => u !== undefined && /^https?:\/\//i.test(u) && new URL(u).origin !== new URL(ctx.issuer).origin,
  );

  async function open(returnUrl: string | undefined) {
    const opened = await openReturnUrl(ctx, returnUrl, allowOrigin);
    if (opened.status === 'invalid') return undefined;
    let request: ValidatedAuthorizeRequest;
    try {
      const params = Params.from(opened.pending.parameters as never);
      request = await validateAuthorizeRequest(
        newAuthorizeDraft(ctx, params, 'authorize', { pushed: opened.pending.pushed }),
      );
    } catch {
      // The configuration changed since the request was sealed; the callback will report it.
      return { pending: opened.pending, expired: opened.status === 'expired' };
    }
    return { pending: opened.pending, request, expired: opened.status === 'expired' };
  }

  async function resume(pending: PendingAuthorization): Promise<InteractionResult> {
    return { redirectTo: await pendingReturnUrl(ctx, pending), cookies: [] };
  }

  async function required(returnUrl: string) {
    const o = await open(returnUrl);
    if (!o) throw new InvalidRequest('the return URL is not a pending authorization request');
    return o;
  }

  return {
    async getAuthorizationContext(returnUrl) {
      const o = await open(returnUrl);
      return o?.request && toAuthorizationContext(o.request, o.pending, o.expired);
    },

    isValidReturnUrl: (returnUrl) => isValidReturnUrl(ctx.issuer, returnUrl, allowOrigin),

    async signIn(request, user, options = {}) {
      const { session, cookies } = await rt.sessions.signIn(request, { ...user, persistent: options.persistent });
      const o = options.returnUrl === undefined ? undefined : await open(options.returnUrl);
      if (ctx.events.enabled('Success')) {
        ctx.events.raise({
          name: 'UserLoginSuccess',
          id: 1000,
          type: 'Success',
          category: 'Authentication',
          username: user.username ?? user.subjectId,
          subjectId: user.subjectId,
          displayName: user.displayName,
          clientId: o?.request?.client.clientId,
        });
      }
      if (o) {
        const authenticated = { sessionId: session.sessionId, authTime: session.authTime };
        return { session, cookies, redirectTo: await pendingReturnUrl(ctx, { ...o.pending, authenticated }) };
      }
      const valid = isValidReturnUrl(ctx.issuer, options.returnUrl, allowOrigin);
      return { session, cookies, redirectTo: valid ? options.returnUrl! : `${issuerPath(ctx.issuer)}/` };
    },

    async continueAsCurrentUser(request, returnUrl) {
      const o = await required(returnUrl);
      const { session, cookies } = await rt.sessions.getSession(request);
      if (!session) throw new InvalidRequest('no user is signed in');
      const next = await resume({ ...o.pending, selectedSubjectId: session.subjectId });
      return { ...next, cookies };
    },

    async grantConsent(request, returnUrl, decision) {
      const o = await required(returnUrl);
      const { session, cookies } = await rt.sessions.getSession(request);
      if (!session) throw new InvalidRequest('no user is signed in');
      if (!o.request) return resume(o.pending);
      const r = o.request;
      const requested = new Set(r.resources.scopes);
      const scopes = grantedScopes(
        r,
        decision.scopes.filter((s) => requested.has(s)),
      );
      // Nothing granted is a refusal (Duende's consent page asks for at least one permission).
      if (scopes.length === 0)
        return { ...(await resume({ ...o.pending, denied: { error: 'access_denied' } })), cookies };
      const remember = decision.remember === true && r.client.allowRememberConsent && scopes.length > 0;
      if (remember) await storeConsent(ctx, session.subjectId, r.client.clientId, scopes, r.client.consentLifetime);
      if (ctx.events.enabled('Information')) {
        ctx.events.raise({
          name: 'ConsentGranted',
          id: 4000,
          type: 'Information',
          category: 'Grants',
          subjectId: session.subjectId,
          clientId: r.client.clientId,
          requestedScopes: [...r.resources.scopes],
          grantedScopes: scopes,
          consentRemembered: remember,
        });
      }
      const next = await resume({ ...o.pending, consent: { subjectId: session.subjectId, scopes } });
      return { ...next, cookies };
    },

    async denyAuthorization(returnUrl, error = 'access_denied', description) {
      const o = await required(returnUrl);
      return resume({ ...o.pending, denied: { error, description } });
    },

    getErrorContext: (errorId) => readErrorMessage(ctx, errorId),

    getLogoutContext: (request, logoutId) => getLogoutContext(rt, request, logoutId),

    signOut: (request, logoutId) => signOut(rt, request, logoutId),
  };
}
