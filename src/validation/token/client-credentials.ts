/**
 * The client credentials grant (RFC 6749 §4.4): a confidential client obtains an access token for
 * itself. Scopes are API scopes only; `resource` (RFC 8707) narrows the audience.
 */
import { UnauthorizedClient } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import { createAccessToken } from '../../tokens/access-token.js';
import { applyResourceIndicators } from '../common/resource-indicators.js';
import { validateScopes } from '../common/scopes.js';
import type { GrantHandler } from './grant.js';

/** The built-in `client_credentials` grant. */
export const clientCredentialsGrant: GrantHandler = {
  grantType: 'client_credentials',
  parameters: ['scope', 'resource'],
  async handle({ params, client, authMethod, dpopJkt, ctx }) {
    // RFC 6749 §4.4.2: the client MUST authenticate.
    if (authMethod === 'none' || client.isPublic)
      throw new UnauthorizedClient('public clients cannot use client_credentials');
    const scope = params.get('scope', LIMITS.scope);
    let resources = validateScopes(client, scope, ctx.options.resources, { allowIdentity: false, allowOffline: false });
    resources = applyResourceIndicators(resources, params.getAll('resource', LIMITS.resource), ctx.options.resources);
    const at = await createAccessToken(ctx, {
      client,
      grantType: 'client_credentials',
      scopes: resources.scopes,
      apiResources: resources.apiResources,
      // RFC 9449 §6.1
      cnf: dpopJkt === undefined ? undefined : { jkt: dpopJkt },
    });
    return {
      response: {
        access_token: at.token,
        token_type: dpopJkt === undefined ? 'Bearer' : 'DPoP',
        expires_in: at.expiresIn,
        scope: resources.scopes.join(' '),
      },
      scopes: resources.scopes,
    };
  },
};
