/**
 * The tokens an implicit or hybrid authorization response carries: the access token (response
 * types with `token`) and the ID token (with `id_token`; `nonce`, `at_hash`, `c_hash`, `s_hash`).
 * They are minted by the same functions as at the token endpoint, so both paths issue identical
 * tokens for identical grants.
 */
import { randomId } from '../../crypto/handles.js';
import type { InteractionRuntime } from '../../interaction/runtime.js';
import type { UserSession } from '../../sessions/types.js';
import { createIdToken } from '../../tokens/id-token.js';
import type { ValidatedAuthorizeRequest } from '../../validation/authorize/types.js';
import type { ValidatedResources } from '../../validation/common/scopes.js';
import { freezeRequest } from '../../validation/token/user-token-request.js';
import { freshAccessTokenClaims, issueUserAccessToken } from '../user-tokens.js';

/** What the token part of an implicit or hybrid response is made from. */
export interface AuthorizeResponseTokensInput {
  readonly rt: InteractionRuntime;
  readonly request: ValidatedAuthorizeRequest;
  readonly session: UserSession;
  /** The granted scopes. */
  readonly scopes: readonly string[];
  /** The code of a hybrid response, for `c_hash` (OpenID Connect Core §3.3.2.11). */
  readonly code?: string;
  /** The grant family of the code, so a replayed hybrid code also revokes these tokens. */
  readonly familyId?: string;
}

/** The parameters to add to the response: `access_token`, `token_type`, `expires_in`, `scope`, `id_token`. */
export type AuthorizeResponseTokens = Readonly<Record<string, string>>;

/** The requested resources narrowed to what the user granted. */
function grantedResources(requested: ValidatedResources, scopes: readonly string[]): ValidatedResources {
  const granted = new Set(scopes);
  const apiScopes = requested.apiScopes.filter((s) => granted.has(s.name));
  const names = new Set(apiScopes.map((s) => s.name));
  return {
    scopes: requested.scopes.filter((s) => granted.has(s)),
    identityResources: requested.identityResources.filter((r) => granted.has(r.name)),
    apiScopes,
    apiResources: requested.apiResources.filter((r) => r.scopes.some((s) => names.has(s))),
    offlineAccess: false,
  };
}

/** Mint the tokens of an implicit or hybrid response. */
// OpenID Connect Core §3.2.2.5, §3.3.2.5; RFC 6749 §4.2.2
export async function issueAuthorizeResponseTokens(
  input: AuthorizeResponseTokensInput,
): Promise<AuthorizeResponseTokens> {
  const { rt, request: r, session: s, code } = input;
  const ctx = rt.ctx;
  const v = freezeRequest({
    grantType: r.grantType,
    client: r.client,
    granted: grantedResources(r.resources, input.scopes),
    authorization: { scopes: [...input.scopes], resources: [...r.resourceIndicators] },
    user: {
      subjectId: s.subjectId,
      sessionId: s.sessionId,
      authTime: s.authTime,
      amr: [...s.amr],
      acr: s.acr,
      idp: s.idp,
    },
    familyId: input.familyId ?? randomId(16),
    nonce: r.nonce,
    claimsRequest: r.claimsRequest,
    // RFC 6749 §4.2.2: the authorization endpoint never issues refresh tokens.
    offlineAccess: false,
  });
  const out: Record<string, string> = {};
  let accessToken: string | undefined;
  if (r.responseType.split(' ').includes('token')) {
    const at = await issueUserAccessToken(ctx, v, await freshAccessTokenClaims(ctx, v));
    accessToken = at.token;
    Object.assign(out, {
      access_token: at.token,
      token_type: 'Bearer',
      expires_in: String(at.expiresIn),
      scope: v.granted.scopes.join(' '),
    });
  }
  if (r.responseType.split(' ').includes('id_token')) {
    const id = await createIdToken(ctx, {
      client: r.client,
      subjectId: s.subjectId,
      sessionId: s.sessionId,
      authTime: s.authTime,
      amr: s.amr,
      acr: s.acr,
      idp: s.idp,
      nonce: r.nonce,
      scopes: v.granted.scopes,
      accessToken,
      code,
      state: r.state,
      claimsRequest: r.claimsRequest?.id_token,
      // OpenID Connect Core §5.4: user claims go into the ID token only when no access token will carry them.
      includeUserClaims: r.client.alwaysIncludeUserClaimsInIdToken || (accessToken === undefined && code === undefined),
    });
    out.id_token = id.token;
  }
  return out;
}
