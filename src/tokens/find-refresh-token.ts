/**
 * Looks a refresh token up by its handle for introspection and revocation. The stored payload is
 * the data-protected {@link RefreshTokenPayload} of `refresh-token.ts`.
 */
import type { ServerContext } from '../context.js';
import { LIMITS } from '../host/form.js';
import type { PersistedGrant } from '../stores/types.js';
import { REFRESH_TOKEN_GRANT, readRefreshTokenPayload, refreshTokenKey } from './refresh-token.js';
import type { RefreshTokenPayload } from './refresh-token-payload.js';

/** A live refresh token. */
export interface FoundRefreshToken {
  readonly grant: PersistedGrant;
  readonly payload: RefreshTokenPayload;
  readonly clientId: string;
  readonly subjectId?: string;
  readonly scopes: readonly string[];
  /** When this token (not its family) was issued. */
  readonly createdAt: number;
  readonly expiresAt?: number;
}

/**
 * The live refresh token for a handle, or undefined. Expired tokens, rotated (consumed) tokens,
 * even inside the reuse grace window, and tokens of a revoked family are not live.
 */
export async function findRefreshToken(ctx: ServerContext, handle: string): Promise<FoundRefreshToken | undefined> {
  if (handle.length > LIMITS.refreshToken) return undefined;
  const grant = await ctx.stores.grants.get(refreshTokenKey(handle));
  if (grant?.type !== REFRESH_TOKEN_GRANT) return undefined;
  const now = ctx.now();
  if (grant.expiresAt !== undefined && grant.expiresAt <= now) return undefined;
  if (grant.consumedAt !== undefined) return undefined;
  let payload: RefreshTokenPayload;
  try {
    payload = readRefreshTokenPayload(ctx, grant.data);
  } catch {
    return undefined;
  }
  return {
    grant,
    payload,
    clientId: grant.clientId,
    subjectId: grant.subjectId,
    scopes: Array.isArray(payload.scopes) ? payload.scopes : [],
    createdAt: grant.createdAt,
    expiresAt: grant.expiresAt,
  };
}
