/**
 * `check-redirect-uri`: the redirect URI must be registered, compared exactly. Until this step
 * passes, no error is ever sent to a redirect URI.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import { isRegisteredRedirectUri } from '../common/redirect-uri.js';
import type { AuthorizeDraft } from './types.js';

/** Match `redirect_uri` against the registered URIs. */
// RFC 6749 §3.1.2.3, RFC 9700 §2.1, OpenID Connect Core §3.1.2.1
export function checkRedirectUri(d: AuthorizeDraft): void {
  const client = d.client!;
  const uri = d.params.get('redirect_uri', LIMITS.redirectUri);
  if (uri === undefined) {
    // RFC 6749 §3.1.2.3: optional with one registered URI; OpenID Connect requires it.
    const openid = (d.params.get('scope') ?? '').split(' ').includes('openid');
    if (client.redirectUris.length !== 1 || openid) throw new InvalidRequest('"redirect_uri" is required');
    d.redirectUri = client.redirectUris[0]!;
    return;
  }
  if (!isRegisteredRedirectUri(client, uri))
    throw new InvalidRequest('"redirect_uri" does not match a registered redirect URI');
  d.redirectUri = uri;
  d.redirectUriParam = uri;
}
