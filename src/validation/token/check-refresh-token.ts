/**
 * Finding and checking a presented refresh token (RFC 6749 §6, RFC 9700 §4.14.2). Nothing here
 * writes, except the revocation of a family whose rotated token was reused by its own client.
 */
import type { Client } from '../../config/model.js';
import type { ServerContext } from '../../context.js';
import { InvalidGrant } from '../../errors/oauth-error.js';
import { revokeFamily } from '../../tokens/grant-family.js';
import {
  type PresentedRefreshToken,
  REFRESH_TOKEN_GRANT,
  readRefreshTokenPayload,
  refreshTokenKey,
  withinGrace,
} from '../../tokens/refresh-token.js';

const INVALID = '"refresh_token" is invalid or expired';

/**
 * The refresh token for `handle`, when it was issued to `client`, has not expired, and is either
 * unused or was rotated inside the reuse grace window.
 *
 * - Unknown, expired or unreadable: `invalid_grant`.
 * - Issued to another client: `invalid_grant` and no side effect, so that a client cannot revoke
 *   another client's tokens by presenting them (RFC 6749 §6: the token is bound to its client).
 * - Bound to a DPoP key (public clients, RFC 9449 §5) and `dpopJkt` is not that key:
 *   `invalid_grant` and no side effect, so that whoever lacks the key cannot revoke the family.
 * - Rotated before the grace window: reuse; the family is revoked, then `invalid_grant`.
 */
export async function checkRefreshToken(
  ctx: ServerContext,
  client: Client,
  handle: string,
  dpopJkt?: string,
): Promise<PresentedRefreshToken> {
  // RFC 6749 §6
  const grant = await ctx.stores.grants.get(refreshTokenKey(handle));
  if (grant?.type !== REFRESH_TOKEN_GRANT) throw new InvalidGrant(INVALID);
  if (grant.clientId !== client.clientId)
    throw new InvalidGrant('"refresh_token" was not issued to this client', {
      detail: `refresh token of "${grant.clientId}"`,
    });
  let payload: PresentedRefreshToken['payload'];
  try {
    payload = readRefreshTokenPayload(ctx, grant.data);
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message }, 'a refresh token could not be unprotected');
    throw new InvalidGrant(INVALID);
  }
  // RFC 9449 §5
  if (payload.dpopJkt !== undefined && payload.dpopJkt !== dpopJkt)
    throw new InvalidGrant('"refresh_token" is bound to a DPoP key; a DPoP proof with that key is required');
  const now = ctx.now();
  if (grant.consumedAt !== undefined) {
    const grace = client.refreshTokenReuseGracePeriod;
    if (!withinGrace(grant, grace > 0 ? now - grace : undefined)) {
      // RFC 9700 §4.14.2: a rotated token came back; one of its holders is not legitimate.
      await revokeFamily(ctx, payload.familyId, `refresh token of "${client.clientId}" reused`);
      throw new InvalidGrant('"refresh_token" has already been used');
    }
  }
  if (grant.expiresAt !== undefined && grant.expiresAt <= now) throw new InvalidGrant(INVALID);
  return { handle, grant, payload };
}
