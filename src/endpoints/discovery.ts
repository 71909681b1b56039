/**
 * The discovery endpoint (OpenID Connect Discovery 1.0 §4, RFC 8414 §3), served at
 * `/.well-known/openid-configuration` and `/.well-known/oauth-authorization-server`.
 */
import type { ServerContext } from '../context.js';
import { MethodNotAllowed } from '../errors/oauth-error.js';
import { publicJson } from '../host/result.js';
import type { Endpoint } from '../host/router.js';
import type { DiscoveryCache } from '../response/discovery.js';

/** Build the endpoint around a document cache. */
export function discoveryEndpoint(cache: DiscoveryCache): Endpoint {
  return (req, ctx: ServerContext) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new MethodNotAllowed(['GET']);
    return publicJson(cache.json(), ctx.options.discoveryCacheMaxAge);
  };
}
