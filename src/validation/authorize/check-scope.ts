/**
 * `check-scope`: every scope is allowed for the client and defined; identity scopes come with
 * `openid`; `offline_access` only where a refresh token can be issued.
 */
import { InvalidScope } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import { validateScopes } from '../common/scopes.js';
import type { AuthorizeDraft } from './types.js';

/** Validate `scope` against the client and the defined resources. */
// RFC 6749 §3.3, OpenID Connect Core §3.1.2.1
export function checkScope(d: AuthorizeDraft): void {
  const scope = d.params.get('scope', LIMITS.scope);
  if (scope === undefined) throw new InvalidScope('"scope" is required');
  const resources = validateScopes(d.client!, scope, d.ctx.options.resources, {
    allowIdentity: true,
    allowOffline: d.grantType !== 'implicit',
  });
  const isOpenId = resources.identityResources.some((r) => r.name === 'openid');
  if (!isOpenId && resources.identityResources.length > 0)
    throw new InvalidScope('identity scopes require the "openid" scope');
  if (!isOpenId && d.responseType?.includes('id_token'))
    throw new InvalidScope('"response_type" id_token requires the "openid" scope');
  d.resources = resources;
  d.isOpenId = isOpenId;
}
