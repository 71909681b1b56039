/**
 * The built-in demo configuration `sigil start` uses when there is no `sigil.config.json`: one
 * machine client, one API and the standard identity resources. Its secrets are public knowledge;
 * it is for trying Sigil out on localhost, never for production.
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

/** The demo configuration for `issuer`. */
export function demoConfig(issuer: string): IdentityServerOptions {
  const d = DEMO_CREDENTIALS;
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
    ],
  };
}
