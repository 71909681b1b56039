/**
 * What a refresh token stands for, and its lifetime rules (Duende `RefreshTokenUsage`,
 * `TokenExpiration`; RFC 9700 §4.14.2). The payload is stored data-protected under a hash of the
 * handle; rotation copies it unchanged to the successor, so the grant's scopes, resources,
 * authentication facts and absolute expiry never change over a family's life (RFC 6749 §6).
 */
import type { Client } from '../config/model.js';
import type { ClaimsRequest } from './user-claims.js';

/** The payload of a refresh token. Times are epoch seconds. */
export interface RefreshTokenPayload {
  readonly clientId: string;
  readonly subjectId: string;
  readonly sessionId?: string;
  /** Every scope of the grant (the original authorization); requests may narrow, never widen. */
  readonly scopes: readonly string[];
  /** Resource indicators of the original authorization (RFC 8707 §2.2); empty when none were given. */
  readonly resources: readonly string[];
  readonly authTime: number;
  readonly amr: readonly string[];
  readonly acr?: string;
  readonly idp?: string;
  readonly claimsRequest?: ClaimsRequest;
  /** User claims of the original access token, reused when `updateAccessTokenClaimsOnRefresh` is off. */
  readonly accessTokenClaims?: Readonly<Record<string, unknown>>;
  /** The claim types `accessTokenClaims` was loaded for (a type may have had no value). */
  readonly accessTokenClaimTypes?: readonly string[];
  /** The grant family: revoking it revokes every token of the authorization. */
  readonly familyId: string;
  /**
   * The DPoP key a public client's refresh token is bound to (RFC 9449 §5): refreshing needs a
   * proof by that key. Confidential clients' refresh tokens are not bound.
   */
  readonly dpopJkt?: string;
  /** When the family's first refresh token was issued. */
  readonly createdAt: number;
  /** The absolute end of the family, or undefined when `absoluteRefreshTokenLifetime` is 0 (no limit). */
  readonly absoluteExpiresAt?: number;
}

/** How a client's refresh tokens are used. */
export type EffectiveRefreshTokenUsage = 'oneTimeOnly' | 'reUse';

/**
 * The usage that applies to a client. Public clients always rotate: their refresh tokens are
 * sender-constrained only when issued with a DPoP proof, so RFC 9700 §4.14.2 requires rotation
 * with reuse detection whatever the configuration says.
 */
export function refreshTokenUsage(client: Client): EffectiveRefreshTokenUsage {
  return client.isPublic ? 'oneTimeOnly' : client.refreshTokenUsage;
}

/** The absolute end of a new family issued at `now`, per the client's configuration. */
export function absoluteExpiry(client: Client, now: number): number | undefined {
  return client.absoluteRefreshTokenLifetime > 0 ? now + client.absoluteRefreshTokenLifetime : undefined;
}

/**
 * When a refresh token issued or used at `now` expires: the family's absolute end, or with
 * sliding expiration `now + slidingRefreshTokenLifetime` capped at that end.
 */
export function refreshTokenExpiry(client: Client, payload: RefreshTokenPayload, now: number): number | undefined {
  if (client.refreshTokenExpiration !== 'sliding') return payload.absoluteExpiresAt;
  const sliding = now + client.slidingRefreshTokenLifetime;
  return payload.absoluteExpiresAt === undefined ? sliding : Math.min(sliding, payload.absoluteExpiresAt);
}

/**
 * The stored user claims of the original access token for `types`, when they were loaded for
 * every one of those types; undefined when the profile service must be asked again (the refresh
 * asks for a claim type the original token did not, or nothing was stored).
 */
export function storedAccessTokenClaims(
  payload: RefreshTokenPayload,
  types: readonly string[],
): Record<string, unknown> | undefined {
  const loaded = payload.accessTokenClaimTypes;
  const values = payload.accessTokenClaims;
  if (!values || !loaded || !types.every((t) => loaded.includes(t))) return undefined;
  const out: Record<string, unknown> = {};
  for (const t of types) if (values[t] !== undefined) out[t] = values[t];
  return out;
}
