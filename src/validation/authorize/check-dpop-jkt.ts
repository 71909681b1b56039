/**
 * `check-dpop-jkt`: the JWK SHA-256 thumbprint the authorization code will be bound to.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import type { AuthorizeDraft } from './types.js';

/** Check the format of `dpop_jkt`. */
// RFC 9449 §10: base64url of a SHA-256 thumbprint (RFC 7638), 43 characters.
export function checkDpopJkt(d: AuthorizeDraft): void {
  const jkt = d.params.get('dpop_jkt', 100);
  if (jkt === undefined) return;
  if (!/^[A-Za-z0-9_-]{43}$/.test(jkt))
    throw new InvalidRequest('"dpop_jkt" must be a base64url SHA-256 JWK thumbprint');
  d.dpopJkt = jkt;
}
