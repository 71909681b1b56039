/**
 * The UserInfo endpoint (OpenID Connect Core §5.3, RFC 6750). GET or POST with a bearer access
 * token (header or form body, never both, never the query); the token must be live, carry a user
 * and the `openid` scope, and the user must be active. Errors carry a `WWW-Authenticate` Bearer
 * challenge (RFC 6750 §3); a request without a token gets a bare `Bearer` challenge.
 */
import type { ServerContext } from '../context.js';
import { InsufficientScope, InvalidToken, isOAuthError, MethodNotAllowed } from '../errors/oauth-error.js';
import type { SigilRequest } from '../host/request.js';
import { empty, json, type SigilResult } from '../host/result.js';
import { bearerChallenge } from '../host/www-authenticate.js';
import { userInfoClaims, type ValidatedUserInfoRequest } from '../response/userinfo.js';
import { validateAccessToken } from '../tokens/validate-access-token.js';
import { readBearerToken } from '../validation/common/bearer-token.js';

const METHODS = ['GET', 'POST'];
const CHALLENGED = new Set(['invalid_request', 'invalid_token', 'insufficient_scope']);

/** GET|POST /connect/userinfo */
export async function userinfoEndpoint(req: SigilRequest, ctx: ServerContext): Promise<SigilResult> {
  if (!METHODS.includes(req.method)) throw new MethodNotAllowed(METHODS);
  try {
    const token = readBearerToken(req);
    // RFC 6750 §3.1: no credentials, no error code.
    if (token === undefined) return empty(401, { 'www-authenticate': bearerChallenge() });
    const validated = await validate(ctx, token);
    return json(200, await userInfoClaims(ctx, validated));
  } catch (e) {
    if (isOAuthError(e) && CHALLENGED.has(e.error)) {
      const scope = e.error === 'insufficient_scope' ? 'openid' : undefined;
      e.headers['www-authenticate'] = bearerChallenge({ error: e.error, error_description: e.description, scope });
    }
    throw e;
  }
}

// OpenID Connect Core §5.3.1
async function validate(ctx: ServerContext, token: string): Promise<ValidatedUserInfoRequest> {
  const at = await validateAccessToken(ctx, token);
  if (!at) throw new InvalidToken('the access token is invalid, expired or revoked');
  const c = at.claims;
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
