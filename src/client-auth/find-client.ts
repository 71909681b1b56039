/**
 * Client lookup for authentication: unknown and disabled clients fail alike.
 */
import type { Client } from '../config/model.js';
import type { ServerContext } from '../context.js';
import { authFailure } from './failure.js';

/** The enabled client `clientId`, or `invalid_client` (with a Basic challenge when `basic`). */
export function findEnabledClient(ctx: ServerContext, clientId: string, basic = false): Client {
  const client = ctx.clients.find(clientId);
  if (!client) throw authFailure(`unknown client "${clientId}"`, { basic });
  if (!client.enabled) throw authFailure(`client "${clientId}" is disabled`, { basic });
  return client;
}
