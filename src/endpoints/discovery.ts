/**
 * The discovery endpoint (OpenID Connect Discovery 1.0 §4, RFC 8414 §3), served at
 * `/.well-known/openid-configuration` and `/.well-known/oauth-authorization-server`.
 */
import type { ServerContext } from '../context.js';
import { MethodNotAllowed } from '../errors/oauth-error.js';
import type { Endpoint } from '../host/router.js';
import type { DiscoveryCache } from '../response/discovery.js';

/** Build the endpoint around a document cache. */
export function discoveryEndpoint(cache: DiscoveryCache): Endpoint {
  return (req, ctx: ServerContext) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new MethodNotAllowed(['GET']);
    const maxAge = ctx.options.discoveryCacheMaxAge;
    return {
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': maxAge > 0 ? `public, max-age=${maxAge}` : 'no-cache',
        'access-control-allow-origin': '*',
      },
      body: cache.json(),
    };
  };
}
