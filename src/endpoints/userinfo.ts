/**
 * The UserInfo endpoint (OpenID Connect Core §5.3, RFC 6750, RFC 9449 §7). GET or POST with an
 * access token (header or form body, never both, never the query); the token must be live, carry
 * a user and the `openid` scope, and the user must be active. A DPoP-bound token is accepted only
 * as `Authorization: DPoP` with a proof by its key (`ath` of the token); presented as Bearer it is
 * refused. Errors carry a `WWW-Authenticate` challenge (RFC 6750 §3, RFC 9449 §7.1); a request
 * without a token gets a bare `Bearer` challenge.
 */
import type { ServerContext } from '../context.js';
import {
  InsufficientScope,
  InvalidDPoPProof,
  InvalidToken,
  isOAuthError,
  MethodNotAllowed,
} from '../errors/oauth-error.js';
import type { SigilRequest } from '../host/request.js';
import { empty, json, type SigilResult } from '../host/result.js';
import { bearerChallenge, dpopChallenge } from '../host/www-authenticate.js';
import { userInfoClaims, type ValidatedUserInfoRequest } from '../response/userinfo.js';
import { validateAccessToken } from '../tokens/validate-access-token.js';
import { type PresentedAccessToken, readAccessToken } from '../validation/common/bearer-token.js';
import { DPOP_SIGNING_ALGORITHMS } from '../validation/common/dpop/check-proof-alg.js';
import { validateDPoPHeader } from '../validation/common/dpop/validate-dpop-proof.js';

const METHODS = ['GET', 'POST'];
const CHALLENGED = new Set(['invalid_request', 'invalid_token', 'insufficient_scope', 'invalid_dpop_proof']);

/** GET|POST /connect/userinfo */
export async function userinfoEndpoint(req: SigilRequest, ctx: ServerContext): Promise<SigilResult> {
  if (!METHODS.includes(req.method)) throw new MethodNotAllowed(METHODS);
  // Whether the challenge is DPoP: the request used the scheme, or the token is DPoP-bound.
  const dpop = { challenge: false };
  try {
    const presented = readAccessToken(req);
    // RFC 6750 §3.1: no credentials, no error code.
    if (presented === undefined) return empty(401, { 'www-authenticate': bearerChallenge() });
    dpop.challenge = presented.scheme === 'DPoP';
    const validated = await validate(ctx, req, presented, dpop);
    return json(200, await userInfoClaims(ctx, validated));
  } catch (e) {
    if (isOAuthError(e) && CHALLENGED.has(e.error)) {
      const scope = e.error === 'insufficient_scope' ? 'openid' : undefined;
      const params = { error: e.error, error_description: e.description, scope };
      // RFC 9449 §7.1: a resource server answers a bad proof with 401 and a DPoP challenge.
      if (e.error === 'invalid_dpop_proof') e.status = 401;
      e.headers['www-authenticate'] = dpop.challenge
        ? dpopChallenge(DPOP_SIGNING_ALGORITHMS, params)
        : bearerChallenge(params);
    }
    throw e;
  }
}

// OpenID Connect Core §5.3.1
async function validate(
  ctx: ServerContext,
  req: SigilRequest,
  presented: PresentedAccessToken,
  dpop: { challenge: boolean },
): Promise<ValidatedUserInfoRequest> {
  const at = await validateAccessToken(ctx, presented.token);
  if (!at) throw new InvalidToken('the access token is invalid, expired or revoked');
  const c = at.claims;
  await checkBinding(ctx, req, presented, boundJkt(c), dpop);
  const scopes = typeof c.scope === 'string' ? c.scope.split(' ') : Array.isArray(c.scope) ? c.scope.map(String) : [];
  if (!scopes.includes('openid')) throw new InsufficientScope('the access token lacks the "openid" scope');
  const client = typeof c.client_id === 'string' ? ctx.clients.find(c.client_id) : undefined;
  if (!client?.enabled) throw new InvalidToken('the client of the access token is unknown or disabled');
  if (typeof c.sub !== 'string') throw new InvalidToken('the access token has no subject');
  const sessionId = typeof c.sid === 'string' ? c.sid : undefined;
  const active = await ctx.profile.isActive({ subjectId: c.sub, client, caller: 'UserInfoEndpoint', sessionId });
  if (!active) throw new InvalidToken('the user is not active', { detail: `subject "${c.sub}" is inactive` });
  return Object.freeze({ client, subjectId: c.sub, sessionId, scopes: Object.freeze(scopes), claims: c });
}

function boundJkt(claims: Readonly<Record<string, unknown>>): string | undefined {
  const cnf = claims.cnf;
  if (typeof cnf !== 'object' || cnf === null) return undefined;
  const jkt = (cnf as Record<string, unknown>).jkt;
  return typeof jkt === 'string' ? jkt : undefined;
}

// RFC 9449 §7.1, §7.2
async function checkBinding(
  ctx: ServerContext,
  req: SigilRequest,
  presented: PresentedAccessToken,
  jkt: string | undefined,
  dpop: { challenge: boolean },
): Promise<void> {
  if (presented.scheme === 'Bearer') {
    if (jkt === undefined) return;
    dpop.challenge = true;
    throw new InvalidToken('the access token is DPoP-bound; present it with the DPoP authorization scheme');
  }
  const proof = await validateDPoPHeader(ctx, req, { url: ctx.urls.userinfo, accessToken: presented.token });
  if (proof === undefined) throw new InvalidDPoPProof('a DPoP proof is required with the DPoP authorization scheme');
  if (jkt === undefined) throw new InvalidToken('the access token is not DPoP-bound; present it as a Bearer token');
  if (proof.jkt !== jkt) throw new InvalidToken('the DPoP proof key does not match the access token binding');
}
