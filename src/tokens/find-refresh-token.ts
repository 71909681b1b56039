/**
 * Looks a refresh token up by its handle for introspection and revocation. The stored payload
 * (data-protected JSON) carries at least `scopes`; see `refresh-token.ts` for issuance.
 */
import type { ServerContext } from '../context.js';
import { handleKey } from '../crypto/handles.js';
import { LIMITS } from '../host/form.js';
import type { PersistedGrant } from '../stores/types.js';
import { grantProtector } from './grant-protector.js';

/** A live refresh token. */
export interface FoundRefreshToken {
  readonly grant: PersistedGrant;
  readonly clientId: string;
  readonly subjectId?: string;
  readonly scopes: readonly string[];
  readonly createdAt: number;
  readonly expiresAt?: number;
}

/** The live (unexpired, unconsumed) refresh token for a handle, or undefined. */
export async function findRefreshToken(ctx: ServerContext, handle: string): Promise<FoundRefreshToken | undefined> {
  if (handle.length > LIMITS.refreshToken) return undefined;
  const grant = await ctx.stores.grants.get(handleKey('refresh_token', handle));
  if (grant?.type !== 'refresh_token') return undefined;
  const now = ctx.now();
  if (grant.expiresAt !== undefined && grant.expiresAt <= now) return undefined;
  if (grant.consumedAt !== undefined) return undefined;
  let scopes: string[] = [];
  try {
    const data = JSON.parse(grantProtector(ctx).unprotect(grant.data)) as { scopes?: string[] };
    scopes = Array.isArray(data.scopes) ? data.scopes : [];
  } catch {
    return undefined;
  }
  return {
    grant,
    clientId: grant.clientId,
    subjectId: grant.subjectId,
    scopes,
    createdAt: grant.createdAt,
    expiresAt: grant.expiresAt,
  };
}
