/**
 * The authorization code grant (RFC 6749 §4.1.3, RFC 7636 §4.6, OpenID Connect Core §3.1.3): the
 * client exchanges a code for an access token, a refresh token when `offline_access` was granted,
 * and (added by the token endpoint's OpenID step) an ID token when `openid` was granted. Every
 * token joins the code's family, so that a replay of the code revokes them.
 */
import { LIMITS } from '../../host/form.js';
import {
  freshAccessTokenClaims,
  issueUserAccessToken,
  userClaimTypes,
  userTokenResult,
} from '../../response/user-tokens.js';
import { reconcileFamily } from '../../tokens/grant-family.js';
import { issueRefreshToken } from '../../tokens/refresh-token.js';
import { absoluteExpiry } from '../../tokens/refresh-token-payload.js';
import { checkUserActive } from './check-user-active.js';
import type { GrantHandler, TokenRequestContext } from './grant.js';
import { consumeAuthorizationCode, findAuthorizationCode, type RedeemedCode } from './redeem-authorization-code.js';
import { selectResources } from './select-resources.js';
import { freezeRequest, type ValidatedUserTokenRequest } from './user-token-request.js';

/** The built-in `authorization_code` grant. */
export const authorizationCodeGrant: GrantHandler = {
  grantType: 'authorization_code',
  parameters: ['code', 'redirect_uri', 'code_verifier', 'resource'],
  // Duende: hybrid clients redeem their codes here too.
  allowedFor: (client) => client.allowedGrantTypes.has('authorization_code') || client.allowedGrantTypes.has('hybrid'),
  async handle(tr) {
    const { ctx, client } = tr;
    const { v, code } = await validate(tr);
    const userClaims = await freshAccessTokenClaims(ctx, v);
    const accessToken = await issueUserAccessToken(ctx, v, userClaims);
    let refreshToken: string | undefined;
    if (v.offlineAccess) {
      const now = ctx.now();
      refreshToken = await issueRefreshToken(ctx, client, {
        clientId: client.clientId,
        subjectId: v.user.subjectId,
        sessionId: v.user.sessionId,
        scopes: v.authorization.scopes,
        resources: v.authorization.resources,
        authTime: v.user.authTime,
        amr: v.user.amr,
        acr: v.user.acr,
        idp: v.user.idp,
        claimsRequest: v.claimsRequest,
        ...(client.updateAccessTokenClaimsOnRefresh
          ? {}
          : { accessTokenClaims: userClaims, accessTokenClaimTypes: userClaimTypes(v) }),
        familyId: v.familyId,
        // RFC 9449 §5: a public client's refresh token is bound to its DPoP key.
        ...(client.isPublic && v.dpopJkt !== undefined ? { dpopJkt: v.dpopJkt } : {}),
        createdAt: now,
        absoluteExpiresAt: absoluteExpiry(client, now),
      });
    }
    await reconcileFamily(ctx, code.key, v.familyId, code.grant.expiresAt);
    return userTokenResult(v, accessToken, refreshToken);
  },
};

async function validate(tr: TokenRequestContext): Promise<{ v: ValidatedUserTokenRequest; code: RedeemedCode }> {
  const { ctx, client, params } = tr;
  const presented = params.require('code', LIMITS.code);
  const redirectUri = params.get('redirect_uri', LIMITS.redirectUri);
  const codeVerifier = params.get('code_verifier');
  const resource = params.getAll('resource', LIMITS.resource);
  const code = await findAuthorizationCode(ctx, client, {
    code: presented,
    redirectUri,
    codeVerifier,
    dpopJkt: tr.dpopJkt,
  });
  const p = code.payload;
  const authorization = { scopes: [...p.scopes], resources: [...p.resources] };
  const granted = selectResources(client, ctx.options.resources, authorization, { resource });
  await checkUserActive(ctx, client, p.subjectId, p.sessionId);
  await consumeAuthorizationCode(ctx, code);
  const v = freezeRequest({
    grantType: 'authorization_code',
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
    nonce: p.nonce,
    claimsRequest: p.claimsRequest,
    offlineAccess: granted.offlineAccess && client.allowOfflineAccess,
    dpopJkt: tr.dpopJkt,
  });
  return { v, code };
}
