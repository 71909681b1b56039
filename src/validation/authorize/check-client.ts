/**
 * `check-client`: `client_id` names a known, enabled client that may use a redirect-based grant.
 */
import { InvalidRequest, UnauthorizedClient } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import type { AuthorizeDraft } from './types.js';

const REDIRECT_GRANTS = ['authorization_code', 'implicit', 'hybrid'];

/** Look up `client_id` (or check it against the authenticated client). */
// RFC 6749 §4.1.1, §4.1.2.1; RFC 9126 §2.1 (the authenticated client of a pushed request)
export function checkClient(d: AuthorizeDraft): void {
  const clientId = d.params.get('client_id', LIMITS.clientId);
  if (d.client) {
    // Client authentication already named the client; a `client_id` may repeat it, never change it.
    if (clientId !== undefined && d.client.clientId !== clientId)
      throw new InvalidRequest('"client_id" does not match the authenticated client');
  } else {
    if (clientId === undefined) throw new InvalidRequest('"client_id" is required');
    const client = d.ctx.clients.find(clientId);
    if (!client?.enabled) throw new UnauthorizedClient('"client_id" is not a known, enabled client');
    d.client = client;
  }
  if ((d.flow === 'authorize' || d.flow === 'par') && !REDIRECT_GRANTS.some((g) => d.client!.allowedGrantTypes.has(g)))
    throw new UnauthorizedClient('the client may not use the authorization endpoint');
}
