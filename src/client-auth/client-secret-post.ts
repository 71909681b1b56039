/**
 * `client_secret_basic` and `client_secret_post` share one check once the credentials are read:
 * the client must allow the method and hold a matching, unexpired secret (RFC 6749 §2.3.1).
 */
import type { ServerContext } from '../context.js';
import { allowsMethod } from './allowed-methods.js';
import { authFailure } from './failure.js';
import { findEnabledClient } from './find-client.js';
import { checkSharedSecret } from './shared-secret.js';
import type { AuthenticatedClient } from './types.js';

/**
 * Authenticates a client by its shared secret, presented in the body (`client_secret_post`) or
 * by HTTP Basic (`client_secret_basic`; failures then carry a Basic challenge).
 */
export function authenticateSharedSecret(
  ctx: ServerContext,
  method: 'client_secret_basic' | 'client_secret_post',
  clientId: string,
  clientSecret: string,
): AuthenticatedClient {
  const basic = method === 'client_secret_basic';
  const client = findEnabledClient(ctx, clientId, basic);
  if (!allowsMethod(client, method)) throw authFailure(`client "${clientId}" may not use ${method}`, { basic });
  const reason = checkSharedSecret(clientSecret, client.secrets, ctx.now());
  if (reason) throw authFailure(`client "${clientId}": ${reason}`, { basic });
  return { client, method };
}
