/**
 * Authorization codes (RFC 6749 §4.1.2): 256-bit handles whose payload is stored data-protected
 * under a hash of the handle, as an `authorization_code` grant in the code's grant family. The
 * `authorization_code` grant consumes them atomically.
 */
import type { ServerContext } from '../context.js';
import { handleKey, newHandle } from '../crypto/handles.js';
import type { AuthorizationCodePayload } from './authorization-code-payload.js';
import { grantProtector } from './grant-protector.js';

/** The grant type codes are stored under. */
export const AUTHORIZATION_CODE_GRANT = 'authorization_code';

/** Store a new code for `payload` and return its handle. */
export async function issueAuthorizationCode(ctx: ServerContext, payload: AuthorizationCodePayload): Promise<string> {
  const code = newHandle();
  await ctx.stores.grants.store({
    key: handleKey(AUTHORIZATION_CODE_GRANT, code),
    type: AUTHORIZATION_CODE_GRANT,
    clientId: payload.clientId,
    subjectId: payload.subjectId,
    sessionId: payload.sessionId,
    familyId: payload.familyId,
    createdAt: payload.createdAt,
    expiresAt: payload.expiresAt,
    data: grantProtector(ctx).protect(JSON.stringify(payload)),
  });
  return code;
}

/** Read a stored code's payload. Throws when it cannot be unprotected. */
export function readAuthorizationCodePayload(ctx: ServerContext, data: string): AuthorizationCodePayload {
  return JSON.parse(grantProtector(ctx).unprotect(data)) as AuthorizationCodePayload;
}
