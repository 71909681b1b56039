/**
 * Remembered consent (Duende `IUserConsentStore`): one `user_consent` grant per user and client,
 * keyed by a hash of both, holding the granted scopes (data-protected) and expiring after the
 * client's `consentLifetime`.
 */
import type { ServerContext } from '../context.js';
import { handleKey } from '../crypto/handles.js';
import { grantProtector } from '../tokens/grant-protector.js';

const TYPE = 'user_consent';

/** A remembered consent. Times are epoch seconds. */
export interface Consent {
  readonly subjectId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly createdAt: number;
  /** Undefined: never expires. */
  readonly expiresAt?: number;
}

/** The store key of a user's consent for a client. */
export function consentKey(subjectId: string, clientId: string): string {
  return handleKey(TYPE, `${subjectId}\u0000${clientId}`);
}

/** The live consent of `subjectId` for `clientId`, or undefined. */
export async function findConsent(
  ctx: ServerContext,
  subjectId: string,
  clientId: string,
): Promise<Consent | undefined> {
  const grant = await ctx.stores.grants.get(consentKey(subjectId, clientId));
  if (grant?.type !== TYPE || grant.subjectId !== subjectId || grant.clientId !== clientId) return undefined;
  if (grant.expiresAt !== undefined && grant.expiresAt <= ctx.now()) return undefined;
  return readConsent(ctx, grant.data, subjectId, clientId, grant.createdAt, grant.expiresAt);
}

/** Remember that `subjectId` granted `scopes` to `clientId`, replacing an earlier decision. */
export async function storeConsent(
  ctx: ServerContext,
  subjectId: string,
  clientId: string,
  scopes: readonly string[],
  lifetime: number | undefined,
): Promise<Consent> {
  const now = ctx.now();
  const consent: Consent = {
    subjectId,
    clientId,
    scopes: [...scopes],
    createdAt: now,
    expiresAt: lifetime ? now + lifetime : undefined,
  };
  await ctx.stores.grants.upsert({
    key: consentKey(subjectId, clientId),
    type: TYPE,
    clientId,
    subjectId,
    createdAt: now,
    expiresAt: consent.expiresAt,
    data: grantProtector(ctx).protect(JSON.stringify({ scopes: consent.scopes })),
  });
  return consent;
}

/** Every live consent of a user. */
export async function listConsents(ctx: ServerContext, subjectId: string): Promise<Consent[]> {
  const now = ctx.now();
  const grants = await ctx.stores.grants.list({ subjectId, type: TYPE });
  return grants.flatMap((g) => {
    if (g.expiresAt !== undefined && g.expiresAt <= now) return [];
    const c = readConsent(ctx, g.data, subjectId, g.clientId, g.createdAt, g.expiresAt);
    return c ? [c] : [];
  });
}

/** True when `consent` covers every one of `scopes`. */
export function consentCovers(consent: Consent | undefined, scopes: readonly string[]): boolean {
  if (!consent) return false;
  const granted = new Set(consent.scopes);
  return scopes.every((s) => granted.has(s));
}

function readConsent(
  ctx: ServerContext,
  data: string,
  subjectId: string,
  clientId: string,
  createdAt: number,
  expiresAt: number | undefined,
): Consent | undefined {
  try {
    const { scopes } = JSON.parse(grantProtector(ctx).unprotect(data)) as { scopes?: unknown };
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) return undefined;
    return { subjectId, clientId, scopes, createdAt, expiresAt };
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message, clientId }, 'a remembered consent could not be read');
    return undefined;
  }
}
