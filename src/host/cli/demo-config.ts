/**
 * The built-in demo configuration `sigil start` uses when there is no `sigil.config.json`: a
 * machine client, an interactive web client, a single-page app, one API, the standard identity
 * resources and the user alice. Its secrets and password are public knowledge; it is for trying
 * Sigil out on localhost, never for production.
 */
import type { IdentityServerOptions } from '../../config/types.js';
import { formatHashedSecret } from '../../crypto/secrets.js';

/** The demo credentials, printed at start-up. */
export const DEMO_CREDENTIALS = {
  clientId: 'demo-service',
  clientSecret: 'demo-secret',
  scopes: ['demo.read', 'demo.write'],
  apiName: 'demo-api',
  apiSecret: 'demo-api-secret',
} as const;

/** The demo's interactive clients and user, printed at start-up. */
export const DEMO_INTERACTIVE = {
  web: {
    clientId: 'demo-web',
    clientSecret: 'demo-web-secret',
    redirectUris: ['http://localhost:3000/callback', 'http://localhost:3000/debug'],
    postLogoutRedirectUris: ['http://localhost:3000/'],
    scopes: ['openid', 'profile', 'email', 'offline_access', 'demo.read'],
  },
  spa: {
    clientId: 'demo-spa',
    redirectUris: ['http://localhost:5173/callback', 'http://localhost:5173/silent-renew.html'],
    postLogoutRedirectUris: ['http://localhost:5173/'],
    origin: 'http://localhost:5173',
    scopes: ['openid', 'profile', 'email', 'demo.read'],
  },
  user: { subjectId: 'alice', username: 'alice', password: 'alice' },
} as const;

/** The demo configuration for `issuer`. */
export function demoConfig(issuer: string): IdentityServerOptions {
  const d = DEMO_CREDENTIALS;
  const i = DEMO_INTERACTIVE;
  return {
    issuer,
    identityResources: ['openid', 'profile', 'email'],
    apiScopes: [
      { name: 'demo.read', displayName: 'Read demo data' },
      { name: 'demo.write', displayName: 'Change demo data' },
    ],
    apiResources: [
      {
        name: d.apiName,
        displayName: 'Demo API',
        scopes: [...d.scopes],
        apiSecrets: [{ value: formatHashedSecret(d.apiSecret) }],
      },
    ],
    clients: [
      {
        clientId: d.clientId,
        clientName: 'Demo service',
        clientSecrets: [{ value: formatHashedSecret(d.clientSecret) }],
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: [...d.scopes],
      },
      {
        clientId: i.web.clientId,
        clientName: 'Demo web app',
        clientSecrets: [{ value: formatHashedSecret(i.web.clientSecret) }],
        allowedGrantTypes: ['authorization_code'],
        redirectUris: [...i.web.redirectUris],
        postLogoutRedirectUris: [...i.web.postLogoutRedirectUris],
        allowOfflineAccess: true,
        requireConsent: true,
        allowedScopes: [...i.web.scopes],
      },
      {
        clientId: i.spa.clientId,
        clientName: 'Demo single-page app',
        requireClientSecret: false,
        tokenEndpointAuthMethod: 'none',
        allowedGrantTypes: ['authorization_code'],
        redirectUris: [...i.spa.redirectUris],
        postLogoutRedirectUris: [...i.spa.postLogoutRedirectUris],
        allowedCorsOrigins: [i.spa.origin],
        allowedScopes: [...i.spa.scopes],
      },
    ],
    users: [
      {
        subjectId: i.user.subjectId,
        username: i.user.username,
        password: i.user.password,
        claims: { name: 'Alice Smith', given_name: 'Alice', email: 'alice@example.com', email_verified: true },
      },
    ],
  };
}
