/**
 * `check-nonce`: required when an ID token comes from the authorization endpoint.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import type { AuthorizeDraft } from './types.js';

/** Read `nonce`, required for ID tokens from the authorization endpoint. */
// OpenID Connect Core §3.1.2.1, §3.2.2.1, §3.3.2.11
export function checkNonce(d: AuthorizeDraft): void {
  const nonce = d.params.get('nonce', LIMITS.nonce);
  if (nonce === undefined && d.responseType?.includes('id_token'))
    throw new InvalidRequest('"nonce" is required when the authorization endpoint returns an ID token');
  d.nonce = nonce;
}
