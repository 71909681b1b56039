/**
 * The refresh token grant (RFC 6749 §6, RFC 9700 §4.14, RFC 8707 §2.2): a new access token for
 * the grant a refresh token stands for, optionally narrowed by `scope` and `resource`, plus an ID
 * token (the token endpoint's OpenID step) when `openid` remains, with the original `auth_time`
 * and no nonce. The refresh token itself is rotated or reused as the client is configured.
 */
import { InvalidGrant } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import {
  freshAccessTokenClaims,
  issueUserAccessToken,
  userClaimTypes,
  userTokenResult,
} from '../../response/user-tokens.js';
import { reconcileFamily } from '../../tokens/grant-family.js';
import { type PresentedRefreshToken, renewRefreshToken } from '../../tokens/refresh-token.js';
import { storedAccessTokenClaims } from '../../tokens/refresh-token-payload.js';
import { checkRefreshToken } from './check-refresh-token.js';
import { checkUserActive } from './check-user-active.js';
import type { GrantHandler, TokenRequestContext } from './grant.js';
import { selectResources } from './select-resources.js';
import { freezeRequest, type ValidatedUserTokenRequest } from './user-token-request.js';

/** The built-in `refresh_token` grant. */
export const refreshTokenGrant: GrantHandler = {
  grantType: 'refresh_token',
  parameters: ['refresh_token', 'scope', 'resource'],
  // Duende: offline access, not the grant type list, is what entitles a client to refresh.
  allowedFor: (client) => client.allowOfflineAccess || client.allowedGrantTypes.has('refresh_token'),
  async handle(tr) {
    const { ctx, client } = tr;
    const { v, presented } = await validate(tr);
    const stored = client.updateAccessTokenClaimsOnRefresh
      ? undefined
      : storedAccessTokenClaims(presented.payload, userClaimTypes(v));
    const userClaims = stored ?? (await freshAccessTokenClaims(ctx, v));
    // Renew first: a reused token must fail before anything is issued for it.
    const refreshToken = await renewRefreshToken(ctx, client, presented);
    const accessToken = await issueUserAccessToken(ctx, v, userClaims);
    await reconcileFamily(ctx, presented.grant.key, v.familyId, presented.grant.expiresAt);
    return userTokenResult(v, accessToken, refreshToken);
  },
};

async function validate(
  tr: TokenRequestContext,
): Promise<{ v: ValidatedUserTokenRequest; presented: PresentedRefreshToken }> {
  const { ctx, client, params } = tr;
  const handle = params.require('refresh_token', LIMITS.refreshToken);
  const scope = params.get('scope', LIMITS.scope);
  const resource = params.getAll('resource', LIMITS.resource);
  // Duende: a client that lost offline access can no longer refresh.
  if (!client.allowOfflineAccess) throw new InvalidGrant('the client is not allowed offline access');
  const presented = await checkRefreshToken(ctx, client, handle, tr.dpopJkt);
  const p = presented.payload;
  const authorization = { scopes: [...p.scopes], resources: [...p.resources] };
  const granted = selectResources(client, ctx.options.resources, authorization, { scope, resource });
  await checkUserActive(ctx, client, p.subjectId, p.sessionId);
  const v = freezeRequest({
    grantType: 'refresh_token',
    client,
    granted,
    authorization,
    user: {
      subjectId: p.subjectId,
      sessionId: p.sessionId,
      authTime: p.authTime,
      amr: [...p.amr],
      acr: p.acr,
      idp: p.idp,
    },
    familyId: p.familyId,
    claimsRequest: p.claimsRequest,
    offlineAccess: true,
    // Confidential clients may switch keys: the new access token is bound to this proof's key.
    dpopJkt: tr.dpopJkt,
  });
  return { v, presented };
}
