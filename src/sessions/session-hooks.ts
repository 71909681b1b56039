/**
 * The hook called after login sessions were revoked. The server's built-in reaction sends
 * back-channel logout notifications (see `createSignInServices`); hosts may add their own through
 * the `onSessionsRevoked` option.
 */
import type { ServerContext } from '../context.js';
import type { UserSession } from './types.js';

/** Why sessions ended. */
export type SessionEndReason = 'revoked';

/**
 * Called once per revocation with every session it removed, after the sessions and their grants
 * are gone. Errors are logged and do not undo the revocation.
 */
export type SessionsRevokedHook = (
  sessions: readonly UserSession[],
  ctx: ServerContext,
  reason: SessionEndReason,
) => void | Promise<void>;
