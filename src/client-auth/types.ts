/**
 * The result of client authentication and the names of the methods Sigil implements.
 */
import type { Client } from '../config/model.js';

/** A client authentication method (RFC 7591 §2, `token_endpoint_auth_method`). */
export type ClientAuthMethod =
  | 'client_secret_basic'
  | 'client_secret_post'
  | 'client_secret_jwt'
  | 'private_key_jwt'
  | 'none';

/** A client whose credentials were verified, and how. Only this value travels past authentication. */
export interface AuthenticatedClient {
  /** The authenticated client. */
  readonly client: Client;
  /** The method the client used. */
  readonly method: ClientAuthMethod;
}

/** `client_assertion_type` of a JWT client assertion (RFC 7523 §2.2). */
export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
