/**
 * `none`: a public client identifies itself by `client_id` alone (RFC 6749 §2.1, §3.2.1).
 */
import type { ServerContext } from '../context.js';
import { allowsMethod } from './allowed-methods.js';
import { authFailure } from './failure.js';
import { findEnabledClient } from './find-client.js';
import type { AuthenticatedClient } from './types.js';

/**
 * Accepts a client that presented only its `client_id`, when it is public
 * (`requireClientSecret: false`) and allows `none`. A confidential client that presents no
 * credentials gets `invalid_client`.
 */
export function authenticateNone(ctx: ServerContext, clientId: string): AuthenticatedClient {
  const client = findEnabledClient(ctx, clientId);
  if (!allowsMethod(client, 'none'))
    throw authFailure(`client "${clientId}" presented no credentials but requires them`);
  return { client, method: 'none' };
}
