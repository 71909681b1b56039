/**
 * Refresh tokens (RFC 6749 §1.5, §6; RFC 9700 §4.14): 256-bit handles, stored only as a hash of
 * the handle, with the data-protected {@link RefreshTokenPayload}, in the family of the grant.
 * Renewal follows the client's usage: `reUse` keeps the handle (sliding its expiry), `oneTimeOnly`
 * rotates atomically through `grants.rotate`, with a reuse grace window for concurrent refreshes.
 */
import type { Client } from '../config/model.js';
import type { ServerContext } from '../context.js';
import { handleKey, newHandle } from '../crypto/handles.js';
import { InvalidGrant } from '../errors/oauth-error.js';
import type { PersistedGrant } from '../stores/types.js';
import { revokeFamily } from './grant-family.js';
import { grantProtector } from './grant-protector.js';
import { type RefreshTokenPayload, refreshTokenExpiry, refreshTokenUsage } from './refresh-token-payload.js';

/** The grant type refresh tokens are stored under. */
export const REFRESH_TOKEN_GRANT = 'refresh_token';

/** The store key of a refresh token handle. */
export function refreshTokenKey(handle: string): string {
  return handleKey(REFRESH_TOKEN_GRANT, handle);
}

/** Read a stored refresh token's payload. Throws when it cannot be unprotected. */
export function readRefreshTokenPayload(ctx: ServerContext, data: string): RefreshTokenPayload {
  return JSON.parse(grantProtector(ctx).unprotect(data)) as RefreshTokenPayload;
}

function toGrant(ctx: ServerContext, client: Client, handle: string, p: RefreshTokenPayload): PersistedGrant {
  const now = ctx.now();
  return {
    key: refreshTokenKey(handle),
    type: REFRESH_TOKEN_GRANT,
    clientId: p.clientId,
    subjectId: p.subjectId,
    sessionId: p.sessionId,
    familyId: p.familyId,
    createdAt: now,
    expiresAt: refreshTokenExpiry(client, p, now),
    data: grantProtector(ctx).protect(JSON.stringify(p)),
  };
}

/** Store a new refresh token for `payload` and return its handle. */
export async function issueRefreshToken(
  ctx: ServerContext,
  client: Client,
  payload: RefreshTokenPayload,
): Promise<string> {
  const handle = newHandle();
  await ctx.stores.grants.store(toGrant(ctx, client, handle, payload));
  return handle;
}

/** A refresh token presented to the token endpoint, found and checked by the grant. */
export interface PresentedRefreshToken {
  readonly handle: string;
  readonly grant: PersistedGrant;
  readonly payload: RefreshTokenPayload;
}

/**
 * Renew a refresh token after a successful refresh and return the handle the client gets back.
 *
 * - `reUse`: the same handle; with sliding expiration its expiry moves to `now + sliding`,
 *   capped at the family's absolute end.
 * - `oneTimeOnly` (always for public clients): the old token is consumed and its successor stored
 *   in one atomic `rotate`. A token consumed within the last `refreshTokenReuseGracePeriod`
 *   seconds still yields a successor, so that two tabs refreshing at once both keep a working
 *   token; the window counts from the first use and never extends. Any later use is reuse
 *   (RFC 9700 §4.14.2): the whole family is revoked and the request fails with `invalid_grant`.
 */
export async function renewRefreshToken(
  ctx: ServerContext,
  client: Client,
  presented: PresentedRefreshToken,
): Promise<string> {
  const now = ctx.now();
  if (refreshTokenUsage(client) === 'reUse') {
    if (client.refreshTokenExpiration === 'sliding') {
      const expiresAt = refreshTokenExpiry(client, presented.payload, now);
      if (expiresAt !== undefined) await ctx.stores.grants.update(presented.grant.key, { expiresAt });
    }
    return presented.handle;
  }
  const handle = newHandle();
  const grace = client.refreshTokenReuseGracePeriod;
  const graceSince = grace > 0 ? now - grace : undefined;
  const next = toGrant(ctx, client, handle, presented.payload);
  const result = await ctx.stores.grants.rotate(presented.grant.key, next, now, graceSince);
  if (result.status === 'not-found') throw new InvalidGrant('"refresh_token" is invalid or expired');
  if (result.status === 'already-consumed' && !withinGrace(result.grant, graceSince)) {
    await revokeFamily(ctx, presented.payload.familyId, `refresh token of "${client.clientId}" reused`);
    throw new InvalidGrant('"refresh_token" has already been used');
  }
  return handle;
}

/** True when a consumed refresh token was consumed inside the reuse grace window. */
export function withinGrace(grant: PersistedGrant, graceSince: number | undefined): boolean {
  return graceSince !== undefined && grant.consumedAt !== undefined && grant.consumedAt >= graceSince;
}
