/**
 * Endpoint URLs, derived once from the configured issuer (never from the `Host` header), with
 * IdentityServer's paths so that migrations keep their URLs.
 */
import type { EndpointUrls } from '../context.js';

/** Paths relative to the issuer, as Duende IdentityServer serves them. */
export const ENDPOINT_PATHS = {
  discovery: '/.well-known/openid-configuration',
  oauthMetadata: '/.well-known/oauth-authorization-server',
  jwks: '/.well-known/openid-configuration/jwks',
  authorize: '/connect/authorize',
  /** Where the login and consent pages return to (Duende's authorize callback). */
  authorizeCallback: '/connect/authorize/callback',
  token: '/connect/token',
  userinfo: '/connect/userinfo',
  introspection: '/connect/introspect',
  revocation: '/connect/revocation',
  endSession: '/connect/endsession',
  par: '/connect/par',
  ciba: '/connect/ciba',
  deviceAuthorization: '/connect/deviceauthorization',
  checkSession: '/connect/checksession',
} as const;

/** The absolute URL of every endpoint for `issuer` (which has no trailing slash). */
export function endpointUrls(issuer: string): EndpointUrls {
  const at = (p: string) => issuer + p;
  const p = ENDPOINT_PATHS;
  return {
    discovery: at(p.discovery),
    jwks: at(p.jwks),
    authorize: at(p.authorize),
    token: at(p.token),
    userinfo: at(p.userinfo),
    introspection: at(p.introspection),
    revocation: at(p.revocation),
    endSession: at(p.endSession),
    par: at(p.par),
    ciba: at(p.ciba),
    deviceAuthorization: at(p.deviceAuthorization),
    checkSession: at(p.checkSession),
  };
}
