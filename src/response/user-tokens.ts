/**
 * Token issuance for user grants (authorization code, refresh token): the access token with the
 * user claims its API resources and scopes ask for, and the grant result that tells the token
 * endpoint which ID token to add (STYLE rule 3). Refresh tokens are issued by the grants, since
 * code and refresh grants differ there (a new family member versus rotation or reuse).
 */
import type { ServerContext } from '../context.js';
import { createAccessToken, type IssuedAccessToken } from '../tokens/access-token.js';
import { accessTokenClaimTypes, loadUserClaims, requestedClaimNames } from '../tokens/user-claims.js';
import type { GrantResult } from '../validation/token/grant.js';
import type { ValidatedUserTokenRequest } from '../validation/token/user-token-request.js';

/** The user claim types the API resources and API scopes of `v`'s access token ask for. */
export function userClaimTypes(v: ValidatedUserTokenRequest): string[] {
  return accessTokenClaimTypes(v.granted.apiResources, v.granted.apiScopes);
}

/** The user claims for the access token of `v`, from the profile service. */
export function freshAccessTokenClaims(
  ctx: ServerContext,
  v: ValidatedUserTokenRequest,
): Promise<Record<string, unknown>> {
  return loadUserClaims(ctx, {
    subjectId: v.user.subjectId,
    client: v.client,
    caller: 'AccessToken',
    sessionId: v.user.sessionId,
    claimTypes: userClaimTypes(v),
  });
}

/** Issue the access token of a user grant, in the family of the grant. */
export function issueUserAccessToken(
  ctx: ServerContext,
  v: ValidatedUserTokenRequest,
  userClaims: Readonly<Record<string, unknown>>,
): Promise<IssuedAccessToken> {
  const userinfo = requestedClaimNames(v.claimsRequest?.userinfo);
  return createAccessToken(ctx, {
    client: v.client,
    grantType: v.grantType,
    scopes: v.granted.scopes,
    apiResources: v.granted.apiResources,
    subjectId: v.user.subjectId,
    sessionId: v.user.sessionId,
    authTime: v.user.authTime,
    amr: v.user.amr,
    idp: v.user.idp,
    userClaims,
    userinfoClaims: userinfo.length > 0 ? userinfo : undefined,
    familyId: v.familyId,
    // RFC 9449 §6.1
    cnf: v.dpopJkt === undefined ? undefined : { jkt: v.dpopJkt },
  });
}

/** The grant result: the token response, and the ID token the token endpoint adds for `openid`. */
export function userTokenResult(
  v: ValidatedUserTokenRequest,
  accessToken: IssuedAccessToken,
  refreshToken: string | undefined,
): GrantResult {
  return {
    response: {
      access_token: accessToken.token,
      token_type: v.dpopJkt === undefined ? 'Bearer' : 'DPoP',
      expires_in: accessToken.expiresIn,
      scope: v.granted.scopes.join(' '),
      ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    },
    subjectId: v.user.subjectId,
    scopes: v.granted.scopes,
    idToken: {
      client: v.client,
      subjectId: v.user.subjectId,
      sessionId: v.user.sessionId,
      authTime: v.user.authTime,
      amr: v.user.amr,
      acr: v.user.acr,
      idp: v.user.idp,
      nonce: v.nonce,
      scopes: v.granted.scopes,
      claimsRequest: v.claimsRequest?.id_token,
    },
  };
}
