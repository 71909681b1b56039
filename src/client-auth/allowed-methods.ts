/**
 * Which authentication methods a client may use (RFC 7591 §2 `token_endpoint_auth_method`).
 */
import type { Client } from '../config/model.js';
import type { ClientAuthMethod } from './types.js';

/**
 * True when `client` may authenticate with `method`. A configured `tokenEndpointAuthMethod` is
 * the only method accepted. Without one, a method is accepted when the client holds what it
 * needs: hashed secrets for Basic and post, HMAC secrets for `client_secret_jwt`, keys for
 * `private_key_jwt`. `none` always requires `requireClientSecret: false`.
 */
export function allowsMethod(client: Client, method: ClientAuthMethod): boolean {
  if (method === 'none' && client.requireClientSecret) return false;
  if (client.tokenEndpointAuthMethod !== undefined) return client.tokenEndpointAuthMethod === method;
  switch (method) {
    case 'client_secret_basic':
    case 'client_secret_post':
      return client.secrets.length > 0;
    case 'client_secret_jwt':
      return client.hmacSecrets.length > 0;
    case 'private_key_jwt':
      return (client.jwks?.keys.length ?? 0) > 0 || client.jwksUri !== undefined;
    case 'none':
      return true;
  }
}
