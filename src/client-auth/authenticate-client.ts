/**
 * Client authentication for the token, introspection, revocation, PAR and CIBA endpoints
 * (RFC 6749 §2.3, RFC 7523, OIDC Core §9). Endpoints call {@link authenticateClient} once and
 * pass the returned {@link AuthenticatedClient} on; nothing downstream reads credentials again.
 */
import type { ServerContext } from '../context.js';
import { isOAuthError } from '../errors/oauth-error.js';
import type { Params } from '../host/form.js';
import type { SigilRequest } from '../host/request.js';
import { authenticateAssertion } from './client-assertion.js';
import { authenticateSharedSecret } from './client-secret-post.js';
import { raiseClientFailure, raiseClientSuccess } from './events.js';
import { authFailure } from './failure.js';
import { authenticateNone } from './none.js';
import { type PresentedCredentials, readCredentials } from './read-credentials.js';
import type { AuthenticatedClient, ClientAuthMethod } from './types.js';

function claimedMethod(p: PresentedCredentials | undefined): ClientAuthMethod | undefined {
  switch (p?.kind) {
    case 'basic':
      return 'client_secret_basic';
    case 'post':
      return 'client_secret_post';
    case 'none':
      return 'none';
    default:
      return undefined;
  }
}

async function dispatch(ctx: ServerContext, p: PresentedCredentials): Promise<AuthenticatedClient> {
  switch (p.kind) {
    case 'basic':
      return authenticateSharedSecret(ctx, 'client_secret_basic', p.clientId, p.clientSecret);
    case 'post':
      return authenticateSharedSecret(ctx, 'client_secret_post', p.clientId, p.clientSecret);
    case 'assertion':
      return authenticateAssertion(ctx, p);
    case 'none':
      return authenticateNone(ctx, p.clientId);
    case 'nothing':
      throw authFailure('no client credentials and no "client_id" were presented');
  }
}

/**
 * Authenticates the calling client.
 *
 * Accepts exactly one of: HTTP Basic (`client_secret_basic`), `client_id` + `client_secret` in
 * the body (`client_secret_post`), a JWT assertion (`private_key_jwt`, `client_secret_jwt`),
 * or a bare `client_id` for a public client (`none`). Raises `ClientAuthenticationSuccess` or
 * `ClientAuthenticationFailure` when those events are enabled.
 *
 * @throws `invalid_request` when the request is malformed: two methods at once, a repeated or
 *   over-long parameter, a body `client_id` that differs from the Basic one.
 * @throws `invalid_client` (400; 401 with `WWW-Authenticate: Basic` when Basic was used) for an
 *   unknown or disabled client, a wrong or expired secret, an unacceptable assertion, or a
 *   method the client may not use. The description is always `client authentication failed`.
 * @throws `temporarily_unavailable` when the replay cache fails while checking an assertion.
 *
 * @example
 * ```ts
 * const { client, method } = await authenticateClient(req, params, ctx);
 * ```
 */
export async function authenticateClient(
  req: SigilRequest,
  params: Params,
  ctx: ServerContext,
): Promise<AuthenticatedClient> {
  let presented: PresentedCredentials | undefined;
  try {
    presented = readCredentials(req, params);
    const result = await dispatch(ctx, presented);
    raiseClientSuccess(ctx, req, result.client.clientId, result.method);
    return result;
  } catch (e) {
    const clientId = presented && 'clientId' in presented ? presented.clientId : undefined;
    const error = isOAuthError(e) ? (e.detail ?? e.description) : 'unexpected error';
    raiseClientFailure(ctx, req, error, clientId, claimedMethod(presented));
    throw e;
  }
}
