/**
 * The JWKS endpoint (RFC 7517 §5): current, next and retained public keys. Serialised once per key
 * set change by the key manager.
 */
import type { ServerContext } from '../context.js';
import { MethodNotAllowed } from '../errors/oauth-error.js';
import type { SigilRequest } from '../host/request.js';
import { publicJson, type SigilResult } from '../host/result.js';

/** GET /.well-known/openid-configuration/jwks */
export function jwksEndpoint(req: SigilRequest, ctx: ServerContext): SigilResult {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new MethodNotAllowed(['GET']);
  return publicJson(ctx.keys.jwksJson(), Math.min(ctx.options.discoveryCacheMaxAge, 3600));
}
