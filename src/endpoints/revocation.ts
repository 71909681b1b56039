/**
 * The revocation endpoint (RFC 7009). Refresh tokens and reference access tokens can be revoked,
 * only by the client they were issued to. Revoking a refresh token revokes its whole grant family
 * (RFC 7009 §2.1). Unknown tokens answer 200 (§2.2). Storage errors are never swallowed.
 */
import { authenticateClient } from '../client-auth/index.js';
import type { ServerContext } from '../context.js';
import { handleKey } from '../crypto/handles.js';
import { InvalidRequest, MethodNotAllowed, UnauthorizedClient } from '../errors/oauth-error.js';
import { maskToken } from '../events/types.js';
import { readForm } from '../host/body.js';
import { LIMITS } from '../host/form.js';
import type { SigilRequest } from '../host/request.js';
import { empty, type SigilResult } from '../host/result.js';
import { looksLikeJwt } from '../tokens/validate-access-token.js';

/** POST /connect/revocation */
export async function revocationEndpoint(req: SigilRequest, ctx: ServerContext): Promise<SigilResult> {
  if (req.method !== 'POST') throw new MethodNotAllowed(['POST']);
  const params = readForm(req, 415);
  const { client } = await authenticateClient(req, params, ctx);
  const token = params.get('token', LIMITS.token);
  if (token === undefined) throw new InvalidRequest('"token" is required');
  const hint = params.get('token_type_hint', 100);
  // JWT access tokens are self-contained and cannot be revoked; use reference tokens for that.
  if (looksLikeJwt(token) || token.length > LIMITS.tokenHandle) return empty(200);
  const order =
    hint === 'access_token'
      ? (['reference_token', 'refresh_token'] as const)
      : (['refresh_token', 'reference_token'] as const);
  for (const type of order) {
    const key = handleKey(type, token);
    const grant = await ctx.stores.grants.get(key);
    if (!grant || grant.type !== type) continue;
    // RFC 7009 §2.1: the token must have been issued to the requesting client.
    if (grant.clientId !== client.clientId) throw new UnauthorizedClient('the token was not issued to this client');
    if (type === 'refresh_token' && grant.familyId) await ctx.stores.grants.removeAll({ familyId: grant.familyId });
    else await ctx.stores.grants.remove(key);
    if (ctx.events.enabled('Success')) {
      ctx.events.raise(
        {
          name: 'TokenRevokedSuccess',
          id: 2010,
          type: 'Success',
          category: 'Token',
          clientId: client.clientId,
          tokenType: type === 'refresh_token' ? 'refresh_token' : 'access_token',
          token: maskToken(token),
        },
        req,
      );
    }
    break;
  }
  return empty(200);
}
