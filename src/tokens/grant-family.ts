/**
 * Grant families: every token issued from one authorization (its code, refresh tokens and
 * reference access tokens) shares a `familyId`, so that one atomic `removeAll` revokes them all
 * when a code is replayed or a rotated refresh token is reused (RFC 6749 §4.1.2; RFC 9700
 * §4.2.4, §4.14.2). JWT access tokens are self-contained and stay valid until they expire.
 */
import type { ServerContext } from '../context.js';

/** Revoke every stored token of a family; returns how many were removed. */
export async function revokeFamily(ctx: ServerContext, familyId: string, reason: string): Promise<number> {
  const removed = await ctx.stores.grants.removeAll({ familyId });
  ctx.logger.warn({ familyId, removed, reason }, 'grant family revoked');
  return removed;
}

/**
 * Called after tokens were stored for a family whose redemption consumed `witnessKey` (the code,
 * or the rotated refresh token). A replay revokes the family with `removeAll`, which also deletes
 * the witness; when that happened while these tokens were being issued, they may have been stored
 * after the removal, so the family is revoked once more. The outcome then equals the sequential
 * one: the redemption succeeded, and the replay revoked what it issued.
 *
 * A witness that is missing only because it expired and was cleaned up is not a revocation, so
 * nothing happens once `witnessExpiresAt` has passed.
 */
export async function reconcileFamily(
  ctx: ServerContext,
  witnessKey: string,
  familyId: string,
  witnessExpiresAt: number | undefined,
): Promise<void> {
  if (witnessExpiresAt !== undefined && witnessExpiresAt <= ctx.now()) return;
  if (await ctx.stores.grants.get(witnessKey)) return;
  await revokeFamily(ctx, familyId, 'the family was revoked while tokens were being issued');
}
