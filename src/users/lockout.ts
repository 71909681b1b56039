/**
 * Temporary lockout after repeated failed logins (ASP.NET Identity lockout): `lockoutThreshold`
 * failures within `lockoutDuration` seconds lock the name for `lockoutDuration` seconds. Unknown
 * usernames are counted and locked the same way, under a hash of the name, so the lockout does not
 * tell which usernames exist.
 */
import type { ServerContext } from '../context.js';
import { sha256b64url } from '../crypto/handles.js';
import type { UserAccount } from './types.js';

/** The key failures are counted under: the subject id, or a hash of an unknown username. */
export function lockoutKey(user: UserAccount | undefined, username: string): string {
  return user ? user.subjectId : `unknown:${sha256b64url(username.toLowerCase())}`;
}

function cacheKey(key: string): string {
  return `sigil:lockout:${sha256b64url(key)}`;
}

/** When the lockout of `key` ends (epoch seconds), or undefined when it is not locked. */
export async function lockedUntil(ctx: ServerContext, key: string): Promise<number | undefined> {
  const v = await ctx.stores.cache.get(cacheKey(key));
  const until = v === undefined ? Number.NaN : Number(v);
  return Number.isFinite(until) && until > ctx.now() ? until : undefined;
}

/** Record a failed login; returns when the lockout ends if this failure reached the threshold. */
export async function recordLoginFailure(ctx: ServerContext, key: string): Promise<number | undefined> {
  const { lockoutThreshold, lockoutDuration } = ctx.options.authentication;
  const now = ctx.now();
  const failures = await ctx.stores.users.countFailure(key, now, lockoutDuration);
  if (lockoutThreshold <= 0 || failures < lockoutThreshold) return undefined;
  const until = now + lockoutDuration;
  await ctx.stores.cache.set(cacheKey(key), String(until), lockoutDuration);
  await ctx.stores.users.countFailure(key, now, lockoutDuration, true);
  return until;
}

/** Forget the failures of `key` after a successful login. */
export async function resetLoginFailures(ctx: ServerContext, key: string): Promise<void> {
  await ctx.stores.users.countFailure(key, ctx.now(), ctx.options.authentication.lockoutDuration, true);
}
