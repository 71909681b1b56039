/**
 * The UserInfo response (OpenID Connect Core §5.3.2): `sub` plus the claims of the identity scopes
 * the access token was granted (§5.4) and those its `claims` request asked UserInfo for (§5.5).
 */
import type { Client } from '../config/model.js';
import type { ServerContext } from '../context.js';
import { USERINFO_CLAIMS_CLAIM } from '../tokens/access-token.js';
import { identityClaimTypes, loadUserClaims, RESERVED_CLAIMS } from '../tokens/user-claims.js';

/** What a validated UserInfo request holds. */
export interface ValidatedUserInfoRequest {
  readonly client: Client;
  readonly subjectId: string;
  readonly sessionId?: string;
  readonly scopes: readonly string[];
  /** The access token's claims. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** The claims UserInfo returns for a validated request; `sub` is always the token's subject. */
export async function userInfoClaims(
  ctx: ServerContext,
  r: ValidatedUserInfoRequest,
): Promise<Record<string, unknown>> {
  const types = new Set(identityClaimTypes(ctx.options.resources, r.scopes));
  const asked = r.claims[USERINFO_CLAIMS_CLAIM];
  if (Array.isArray(asked)) for (const t of asked) if (typeof t === 'string' && !RESERVED_CLAIMS.has(t)) types.add(t);
  const user = await loadUserClaims(ctx, {
    subjectId: r.subjectId,
    client: r.client,
    caller: 'UserInfoEndpoint',
    sessionId: r.sessionId,
    claimTypes: [...types],
  });
  return { sub: r.subjectId, ...user };
}
