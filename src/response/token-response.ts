/**
 * The composed OpenID Connect step of the token endpoint (STYLE rule 3; OIDC Core §3.1.3.3): after
 * any grant whose result granted `openid` and describes the user, an ID token joins the response.
 */
import type { ServerContext } from '../context.js';
import { createIdToken } from '../tokens/id-token.js';
import type { GrantResult } from '../validation/token/grant.js';

/** Add `id_token` to a grant's response when `openid` was granted; otherwise return it unchanged. */
export async function addIdToken(ctx: ServerContext, result: GrantResult): Promise<GrantResult> {
  if (!result.idToken || !result.scopes.includes('openid')) return result;
  const idToken = await createIdToken(ctx, { ...result.idToken, accessToken: result.response.access_token });
  return { ...result, response: { ...result.response, id_token: idToken.token } };
}
