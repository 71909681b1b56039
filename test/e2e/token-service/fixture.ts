/**
 * The configuration the token-service end-to-end tests run against: one API resource per token
 * format, and a client for every authentication method.
 */
import { exportJWK, generateKeyPair } from 'jose';
import type { CreateIdentityServerOptions } from '../../../src/server/types.js';

/** Client secrets of the fixture (configured as plain text, which the server hashes at load). */
export const SECRETS = {
  basic: 'basic-secret-value',
  post: 'post-secret-value',
  hmac: 'client-secret-jwt-value-of-at-least-32-bytes!',
  reference: 'reference-secret-value',
  ordersApi: 'orders-api-secret',
  billingApi: 'billing-api-secret',
} as const;

/** The fixture, with a fresh ES256 key pair for the private_key_jwt client. */
export async function tokenServiceFixture(): Promise<{
  options: Omit<CreateIdentityServerOptions, 'issuer'>;
  privateKey: CryptoKey;
}> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'client-key-1', alg: 'ES256', use: 'sig' };
  const options: Omit<CreateIdentityServerOptions, 'issuer'> = {
    apiScopes: [{ name: 'orders.read' }, { name: 'orders.write' }, { name: 'billing.read' }],
    apiResources: [
      { name: 'orders', scopes: ['orders.read', 'orders.write'], apiSecrets: [{ value: SECRETS.ordersApi }] },
      { name: 'billing', scopes: ['billing.read'], apiSecrets: [{ value: SECRETS.billingApi }] },
    ],
    clients: [
      {
        clientId: 'svc-basic',
        clientSecrets: [{ value: SECRETS.basic }],
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read', 'orders.write', 'billing.read'],
        claims: { tenant: 'acme' },
      },
      {
        clientId: 'svc-post',
        clientSecrets: [{ value: SECRETS.post }],
        tokenEndpointAuthMethod: 'client_secret_post',
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read'],
        allowedAccessTokenSigningAlgorithms: ['RS256'],
      },
      {
        clientId: 'svc-pkjwt',
        jwks: { keys: [jwk] },
        tokenEndpointAuthMethod: 'private_key_jwt',
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read'],
      },
      {
        clientId: 'svc-sjwt',
        clientSecrets: [{ value: SECRETS.hmac }],
        tokenEndpointAuthMethod: 'client_secret_jwt',
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read'],
      },
      {
        clientId: 'svc-ref',
        clientSecrets: [{ value: SECRETS.reference }],
        accessTokenType: 'Reference',
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read', 'billing.read'],
      },
    ],
  };
  return { options, privateKey };
}
