/**
 * API-resource authentication at the introspection endpoint (RFC 7662 §2.1; Duende
 * `ApiSecretValidator`): a resource server presents its name and one of its `apiSecrets` by
 * HTTP Basic or in the body.
 */
import type { ApiResource } from '../config/model.js';
import type { ServerContext } from '../context.js';
import { isOAuthError } from '../errors/oauth-error.js';
import type { Params } from '../host/form.js';
import type { SigilRequest } from '../host/request.js';
import { raiseApiFailure, raiseApiSuccess } from './events.js';
import { authFailure } from './failure.js';
import { readCredentials } from './read-credentials.js';
import { checkSharedSecret } from './shared-secret.js';

/**
 * Authenticates an API resource, or returns undefined when the caller is not one (no shared
 * secret presented, or the name is not an API resource's), so that the caller tries clients.
 * Raises `ApiAuthenticationSuccess` or `ApiAuthenticationFailure` when those events are on.
 *
 * @throws `invalid_client` (400; 401 with `WWW-Authenticate: Basic` when Basic was used) when the
 *   name is an API resource's but the resource is disabled or the secret is wrong or expired.
 * @throws `invalid_request` or `invalid_client` for malformed credentials, as
 *   `authenticateClient` would.
 *
 * @example
 * ```ts
 * const api = await authenticateApiResource(req, params, ctx);
 * const caller = api ?? (await authenticateClient(req, params, ctx));
 * ```
 */
export async function authenticateApiResource(
  req: SigilRequest,
  params: Params,
  ctx: ServerContext,
): Promise<ApiResource | undefined> {
  const presented = readCredentials(req, params);
  if (presented.kind !== 'basic' && presented.kind !== 'post') return undefined;
  const resource = ctx.options.resources.apiResources.get(presented.clientId);
  if (!resource) return undefined;
  const method = presented.kind === 'basic' ? 'client_secret_basic' : 'client_secret_post';
  const basic = presented.kind === 'basic';
  try {
    if (!resource.enabled) throw authFailure(`API resource "${resource.name}" is disabled`, { basic });
    const reason = checkSharedSecret(presented.clientSecret, resource.secrets, ctx.now());
    if (reason) throw authFailure(`API resource "${resource.name}": ${reason}`, { basic });
  } catch (e) {
    raiseApiFailure(
      ctx,
      req,
      isOAuthError(e) ? (e.detail ?? e.description) : 'unexpected error',
      resource.name,
      method,
    );
    throw e;
  }
  raiseApiSuccess(ctx, req, resource.name, method);
  return resource;
}
