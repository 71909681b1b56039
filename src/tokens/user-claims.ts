/**
 * Which user claims a token or the UserInfo response carries, and loading them through the
 * profile service. Identity scopes select claims for ID tokens and UserInfo (OIDC Core §5.4);
 * API resources and API scopes select claims for access tokens (Duende `UserClaims`); the
 * `claims` request parameter adds individual claims (OIDC Core §5.5).
 */
import type { ApiResource, ApiScope, Client, Resources } from '../config/model.js';
import type { ServerContext } from '../context.js';
import type { ProfileCaller } from '../users/types.js';

/** One member of the `claims` request parameter: claim name to `null` or `{ essential, value, values }`. */
export type ClaimsRequestMember = Readonly<Record<string, unknown>>;

/** The parsed `claims` request parameter (OIDC Core §5.5). */
export interface ClaimsRequest {
  readonly userinfo?: ClaimsRequestMember;
  readonly id_token?: ClaimsRequestMember;
}

/**
 * Claims a profile service must never set: they are protocol claims that Sigil computes. `sub`
 * is kept out too; it always comes from the grant.
 */
export const RESERVED_CLAIMS: ReadonlySet<string> = new Set([
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'azp',
  'auth_time',
  'nonce',
  'acr',
  'amr',
  'sid',
  'idp',
  'at_hash',
  'c_hash',
  's_hash',
  'client_id',
  'scope',
  'cnf',
]);

/** The claim types of the identity scopes among `scopes` (OIDC Core §5.4). */
export function identityClaimTypes(resources: Resources, scopes: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of scopes) {
    const r = resources.identityResources.get(s);
    if (r?.enabled) for (const c of r.userClaims) if (!RESERVED_CLAIMS.has(c)) out.add(c);
  }
  return [...out];
}

/** The claim types the API resources and API scopes of an access token ask for. */
export function accessTokenClaimTypes(apiResources: readonly ApiResource[], apiScopes: readonly ApiScope[]): string[] {
  const out = new Set<string>();
  for (const r of apiResources) for (const c of r.userClaims) if (!RESERVED_CLAIMS.has(c)) out.add(c);
  for (const s of apiScopes) for (const c of s.userClaims) if (!RESERVED_CLAIMS.has(c)) out.add(c);
  return [...out];
}

/** The claim names of a `claims` request member, without reserved claims. */
export function requestedClaimNames(member: ClaimsRequestMember | undefined): string[] {
  if (!member || typeof member !== 'object') return [];
  return Object.keys(member).filter((k) => !RESERVED_CLAIMS.has(k));
}

/** What {@link loadUserClaims} needs. */
export interface UserClaimsRequest {
  readonly subjectId: string;
  readonly client: Client;
  readonly caller: ProfileCaller;
  readonly sessionId?: string;
  readonly claimTypes: readonly string[];
}

/**
 * Ask the profile service for `claimTypes` and keep only those (a profile service may return
 * more). Reserved protocol claims are dropped. No call is made when nothing is requested.
 */
export async function loadUserClaims(ctx: ServerContext, r: UserClaimsRequest): Promise<Record<string, unknown>> {
  if (r.claimTypes.length === 0) return {};
  const all = await ctx.profile.getClaims({
    subjectId: r.subjectId,
    client: r.client,
    caller: r.caller,
    requestedClaimTypes: r.claimTypes,
    sessionId: r.sessionId,
  });
  const out: Record<string, unknown> = {};
  for (const t of r.claimTypes) {
    const v = all[t];
    if (v !== undefined && !RESERVED_CLAIMS.has(t)) out[t] = v;
  }
  return out;
}
