/**
 * Issues the success response of an authorization request (Duende `AuthorizeResponseGenerator`):
 * the authorization code with everything the token endpoint will need, and for implicit and
 * hybrid response types the tokens of {@link issueAuthorizeResponseTokens}.
 */
import { randomId } from '../../crypto/handles.js';
import { maskToken } from '../../events/types.js';
import type { SigilRequest } from '../../host/request.js';
import type { InteractionRuntime } from '../../interaction/runtime.js';
import type { UserSession } from '../../sessions/types.js';
import { issueAuthorizationCode } from '../../tokens/authorization-code.js';
import type { AuthorizationCodePayload } from '../../tokens/authorization-code-payload.js';
import type { ValidatedAuthorizeRequest } from '../../validation/authorize/types.js';
import { issueAuthorizeResponseTokens } from './issue-authorize-response-tokens.js';

/** The code's payload for a request, a session and the granted scopes. */
export function codePayload(
  rt: InteractionRuntime,
  r: ValidatedAuthorizeRequest,
  s: UserSession,
  scopes: readonly string[],
): AuthorizationCodePayload {
  const now = rt.ctx.now();
  return {
    clientId: r.client.clientId,
    redirectUri: r.redirectUriParam,
    scopes,
    resources: r.resourceIndicators,
    subjectId: s.subjectId,
    sessionId: s.sessionId,
    authTime: s.authTime,
    amr: s.amr,
    acr: s.acr,
    idp: s.idp,
    nonce: r.nonce,
    codeChallenge: r.pkce?.challenge,
    codeChallengeMethod: r.pkce?.method,
    claimsRequest: r.claimsRequest,
    dpopJkt: r.dpopJkt,
    state: r.state,
    familyId: randomId(16),
    createdAt: now,
    expiresAt: now + r.client.authorizationCodeLifetime,
  };
}

const TOKEN_PARAMETERS = new Set(['code', 'access_token', 'id_token']);

/** Issue the response parameters for a request the user may have: the code (stored with {@link codePayload}), the tokens of implicit and hybrid types, and the `TokenIssuedSuccess` event. */
// RFC 6749 §4.1.2; OpenID Connect Core §3.1.2.5, §3.3.2.5
export async function generateAuthorizeResponse(
  rt: InteractionRuntime,
  req: SigilRequest,
  r: ValidatedAuthorizeRequest,
  s: UserSession,
  scopes: readonly string[],
): Promise<Record<string, string>> {
  const params: Record<string, string> = {};
  const payload = r.responseType.includes('code') ? codePayload(rt, r, s, scopes) : undefined;
  if (payload) params.code = await issueAuthorizationCode(rt.ctx, payload);
  if (r.grantType !== 'authorization_code') {
    Object.assign(
      params,
      await issueAuthorizeResponseTokens({
        rt,
        request: r,
        session: s,
        scopes,
        code: params.code,
        familyId: payload?.familyId,
      }),
    );
  }
  if (rt.ctx.events.enabled('Success')) {
    const tokens = Object.entries(params)
      .filter(([name]) => TOKEN_PARAMETERS.has(name))
      .map(([tokenType, value]) => ({
        tokenType: tokenType === 'code' ? 'authorization_code' : tokenType,
        tokenValue: maskToken(value),
      }));
    rt.ctx.events.raise(
      {
        name: 'TokenIssuedSuccess',
        id: 2000,
        type: 'Success',
        category: 'Token',
        clientId: r.client.clientId,
        grantType: r.grantType,
        endpoint: 'Authorize',
        subjectId: s.subjectId,
        scopes: scopes.join(' '),
        redirectUri: r.redirectUri,
        tokens,
      },
      req,
    );
  }
  return params;
}
