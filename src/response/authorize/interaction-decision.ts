/**
 * Decides what an authorization request needs before a response can be issued (Duende
 * `AuthorizeInteractionResponseGenerator`): the login page, the sign-up page, the consent page,
 * an error for the client (`prompt=none`, or the user refused), or nothing more.
 */
import { consentCovers } from '../../consent/consent-store.js';
import {
  AccessDenied,
  AccountSelectionRequired,
  ConsentRequired,
  InteractionRequired,
  LoginRequired,
  type OAuthError,
  TemporarilyUnavailable,
} from '../../errors/oauth-error.js';
import type { PendingAuthorization } from '../../interaction/pending-authorization.js';
import type { InteractionRuntime } from '../../interaction/runtime.js';
import type { UserSession } from '../../sessions/types.js';
import type { ValidatedAuthorizeRequest } from '../../validation/authorize/types.js';

/** The outcome of {@link decideInteraction}. */
export type InteractionDecision =
  | { readonly kind: 'login'; readonly reason: string }
  | { readonly kind: 'create' }
  | { readonly kind: 'consent' }
  | { readonly kind: 'error'; readonly error: OAuthError }
  | { readonly kind: 'proceed'; readonly session: UserSession; readonly scopes: readonly string[] };

const DENIALS = {
  access_denied: AccessDenied,
  login_required: LoginRequired,
  consent_required: ConsentRequired,
  interaction_required: InteractionRequired,
  account_selection_required: AccountSelectionRequired,
  temporarily_unavailable: TemporarilyUnavailable,
} as const;

/** Why the user must sign in, or undefined when the session will do. */
async function loginReason(
  rt: InteractionRuntime,
  r: ValidatedAuthorizeRequest,
  s: UserSession | undefined,
  p: PendingAuthorization,
): Promise<string | undefined> {
  if (!s) return 'no session';
  const fresh = isFreshSignIn(s, p);
  const now = rt.ctx.now();
  if (r.prompt.has('login') && !fresh) return 'prompt=login';
  if (r.prompt.has('select_account') && !fresh && p.selectedSubjectId !== s.subjectId) return 'prompt=select_account';
  // OpenID Connect Core §3.1.2.1 max_age; Duende UserSsoLifetime.
  // Elapsed time is counted in whole seconds, so max_age=0 would pass within the first second.
  if (r.maxAge !== undefined && (r.maxAge === 0 || now - s.authTime > r.maxAge) && !fresh) return 'max_age';
  if (r.client.userSsoLifetime !== undefined && s.authTime + r.client.userSsoLifetime < now && !fresh)
    return 'userSsoLifetime';
  if (r.idp !== undefined && r.idp !== s.idp && !fresh) return 'idp';
  if (r.idTokenHint && r.idTokenHint.sub !== s.subjectId) return fresh ? 'hint-mismatch-after-login' : 'id_token_hint';
  const active = await rt.ctx.profile.isActive({
    subjectId: s.subjectId,
    client: r.client,
    caller: 'AuthorizeEndpoint',
  });
  if (!active) return 'inactive';
  return undefined;
}

/**
 * True when the user signed in after the request arrived, which satisfies every "sign in again"
 * demand (`prompt=login`, `select_account`, `create`, `max_age`, `userSsoLifetime`).
 */
export function isFreshSignIn(s: UserSession, p: PendingAuthorization): boolean {
  const a = p.authenticated;
  return s.authTime > p.issuedAt || (a !== undefined && a.sessionId === s.sessionId && a.authTime === s.authTime);
}

/** Scopes that cannot be declined: `openid` and resources marked `required`. */
export function requiredScopes(r: ValidatedAuthorizeRequest): Set<string> {
  const out = new Set<string>();
  for (const i of r.resources.identityResources) if (i.required) out.add(i.name);
  for (const a of r.resources.apiScopes) if (a.required) out.add(a.name);
  return out;
}

/** The requested scopes the user granted, in request order; required ones always included. */
export function grantedScopes(r: ValidatedAuthorizeRequest, granted: readonly string[]): string[] {
  const keep = new Set([...granted, ...requiredScopes(r)]);
  return r.resources.scopes.filter((s) => keep.has(s));
}

/** Whether consent must be asked (Duende `DefaultConsentService.RequiresConsentAsync`). */
async function needsConsent(rt: InteractionRuntime, r: ValidatedAuthorizeRequest, s: UserSession): Promise<boolean> {
  if (r.prompt.has('consent')) return true;
  if (!r.client.requireConsent) return false;
  if (!r.client.allowRememberConsent) return true;
  // Duende: a refresh token is always consented to explicitly.
  if (r.resources.offlineAccess) return true;
  return !consentCovers(await rt.findConsent(s.subjectId, r.client.clientId), r.resources.scopes);
}

/** Decide what the request still needs: a page, an error for the client, or nothing (`proceed` with the granted scopes). */
// OpenID Connect Core §3.1.2.3, §3.1.2.4, §3.1.2.6
export async function decideInteraction(
  rt: InteractionRuntime,
  r: ValidatedAuthorizeRequest,
  session: UserSession | undefined,
  p: PendingAuthorization,
): Promise<InteractionDecision> {
  if (p.denied)
    return { kind: 'error', error: new DENIALS[p.denied.error](p.denied.description ?? 'the request was denied') };
  const none = r.prompt.has('none');
  if (r.prompt.has('create') && !(session && isFreshSignIn(session, p))) return { kind: 'create' };
  const reason = await loginReason(rt, r, session, p);
  if (reason === 'hint-mismatch-after-login')
    return { kind: 'error', error: new LoginRequired('the signed-in user is not the user of "id_token_hint"') };
  if (reason !== undefined) {
    if (none) return { kind: 'error', error: new LoginRequired('the user must sign in') };
    return { kind: 'login', reason };
  }
  const s = session!;
  if (p.consent && p.consent.subjectId === s.subjectId)
    return { kind: 'proceed', session: s, scopes: grantedScopes(r, p.consent.scopes) };
  if (await needsConsent(rt, r, s)) {
    if (none) return { kind: 'error', error: new ConsentRequired('the user must consent') };
    return { kind: 'consent' };
  }
  return { kind: 'proceed', session: s, scopes: r.resources.scopes };
}
