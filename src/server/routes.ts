/**
 * The route table: which endpoint serves which path. Endpoints added by later features register
 * here; the discovery document advertises exactly the paths in this table. Routes that browser
 * clients call (token, userinfo, revocation) carry a CORS policy; discovery and JWKS are public.
 */
import { discoveryEndpoint } from '../endpoints/discovery.js';
import { introspectionEndpoint } from '../endpoints/introspection.js';
import { jwksEndpoint } from '../endpoints/jwks.js';
import { parEndpoint } from '../endpoints/par.js';
import { revocationEndpoint } from '../endpoints/revocation.js';
import { tokenEndpoint } from '../endpoints/token.js';
import { userinfoEndpoint } from '../endpoints/userinfo.js';
import type { Route } from '../host/router.js';
import type { DiscoveryCache } from '../response/discovery.js';
import { ENDPOINT_PATHS } from './endpoint-urls.js';

/** The protocol routes of the token service. */
export function protocolRoutes(discovery: DiscoveryCache): Route[] {
  const p = ENDPOINT_PATHS;
  const doc = discoveryEndpoint(discovery);
  return [
    { path: p.discovery, endpoint: doc },
    { path: p.oauthMetadata, endpoint: doc },
    { path: p.jwks, endpoint: jwksEndpoint },
    { path: p.token, endpoint: tokenEndpoint, cors: { methods: ['POST'], exposeHeaders: ['DPoP-Nonce'] } },
    {
      path: p.userinfo,
      endpoint: userinfoEndpoint,
      cors: { methods: ['GET', 'POST'], exposeHeaders: ['WWW-Authenticate'] },
    },
    // Introspection is for APIs, never for browsers: no CORS (as in Duende).
    { path: p.introspection, endpoint: introspectionEndpoint },
    { path: p.revocation, endpoint: revocationEndpoint, cors: { methods: ['POST'] } },
    // RFC 9126: confidential server-side clients push; no CORS, as in Duende.
    { path: p.par, endpoint: parEndpoint },
  ];
}
