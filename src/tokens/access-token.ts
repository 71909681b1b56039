/**
 * Access token issuance. The format is a strategy chosen per API resource or client (STYLE rule
 * 12): JWT access tokens follow RFC 9068; reference tokens are 256-bit handles whose claims are
 * stored, data-protected, under a hash of the handle.
 */
import type { ApiResource, Client } from '../config/model.js';
import type { ServerContext } from '../context.js';
import { handleKey, newHandle, randomId } from '../crypto/handles.js';
import { signJwt } from '../crypto/sign-jwt.js';
import { grantProtector } from './grant-protector.js';

/** What an access token is issued for. */
export interface AccessTokenRequest {
  readonly client: Client;
  readonly grantType: string;
  readonly scopes: readonly string[];
  readonly apiResources: readonly ApiResource[];
  readonly subjectId?: string;
  readonly sessionId?: string;
  readonly authTime?: number;
  readonly amr?: readonly string[];
  readonly idp?: string;
  /** User claims selected for the access token. */
  readonly userClaims?: Readonly<Record<string, unknown>>;
  /**
   * Claim names the `claims` request parameter asked the UserInfo endpoint for (OIDC Core §5.5).
   * UserInfo learns them from the token, emitted as {@link USERINFO_CLAIMS_CLAIM}.
   */
  readonly userinfoClaims?: readonly string[];
  /** Confirmation (RFC 9449 `jkt`). */
  readonly cnf?: { readonly jkt?: string };
  /** The grant family, so that revoking it revokes this token. */
  readonly familyId?: string;
}

/** An issued access token. */
export interface IssuedAccessToken {
  readonly token: string;
  readonly expiresIn: number;
  readonly format: 'jwt' | 'reference';
  readonly claims: Readonly<Record<string, unknown>>;
}

/** The payload of a reference token as stored. */
export interface ReferenceTokenPayload extends Record<string, unknown> {
  iss: string;
  client_id: string;
  scope: string;
  exp: number;
  iat: number;
  jti: string;
}

/**
 * The private claim (RFC 7519 §4.3) listing the claims a `claims` request asked UserInfo for. It
 * is only present when such a request was made, and carries claim names, never values.
 */
export const USERINFO_CLAIMS_CLAIM = 'userinfo_claims';

const PROTOCOL_CLAIMS = new Set([
  USERINFO_CLAIMS_CLAIM,
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
  'client_id',
  'scope',
  'cnf',
  'auth_time',
  'amr',
  'idp',
  'sid',
  'acr',
  'nonce',
  'at_hash',
  'c_hash',
]);

/** Build the claims of an access token. */
export function accessTokenClaims(
  ctx: ServerContext,
  r: AccessTokenRequest,
  now: number,
  lifetime: number,
  jti: string,
): Record<string, unknown> {
  const aud =
    r.apiResources.length === 0
      ? `${ctx.issuer}/resources`
      : r.apiResources.length === 1
        ? r.apiResources[0]!.name
        : r.apiResources.map((a) => a.name);
  const claims: Record<string, unknown> = {
    iss: ctx.issuer,
    nbf: now,
    iat: now,
    exp: now + lifetime,
    aud,
    // RFC 9068 §2.2: without a resource owner, sub identifies the client.
    sub: r.subjectId ?? r.client.clientId,
    client_id: r.client.clientId,
    jti,
  };
  if (r.authTime !== undefined) claims.auth_time = r.authTime;
  if (r.idp) claims.idp = r.idp;
  if (r.amr?.length) claims.amr = r.amr;
  if (r.sessionId) claims.sid = r.sessionId;
  if (r.cnf?.jkt) claims.cnf = { jkt: r.cnf.jkt };
  if (r.userinfoClaims?.length) claims[USERINFO_CLAIMS_CLAIM] = [...r.userinfoClaims];
  if (r.subjectId === undefined || r.client.alwaysSendClientClaims) {
    for (const c of r.client.claims) {
      const name = r.client.clientClaimsPrefix + c.type;
      if (!PROTOCOL_CLAIMS.has(name)) claims[name] = c.value;
    }
  }
  if (r.userClaims) for (const [k, v] of Object.entries(r.userClaims)) if (!PROTOCOL_CLAIMS.has(k)) claims[k] = v;
  claims.scope = ctx.options.emitScopesAsSpaceDelimitedStringInJwt ? r.scopes.join(' ') : [...r.scopes];
  return claims;
}

/** The token format for a request: an API resource's setting wins over the client's. */
export function accessTokenFormat(r: AccessTokenRequest): 'jwt' | 'reference' {
  for (const a of r.apiResources) if (a.accessTokenType) return a.accessTokenType;
  return r.client.accessTokenType;
}

/** The signing algorithms allowed for this token: the client's list, narrowed by each API resource's. */
export function allowedSigningAlgorithms(r: AccessTokenRequest): readonly string[] {
  let allowed: readonly string[] = r.client.allowedAccessTokenSigningAlgorithms;
  for (const a of r.apiResources) {
    if (a.allowedAccessTokenSigningAlgorithms.length === 0) continue;
    allowed =
      allowed.length === 0
        ? a.allowedAccessTokenSigningAlgorithms
        : allowed.filter((x) => a.allowedAccessTokenSigningAlgorithms.includes(x));
  }
  return allowed;
}

/** Issue an access token. */
export async function createAccessToken(ctx: ServerContext, r: AccessTokenRequest): Promise<IssuedAccessToken> {
  const now = ctx.now();
  const lifetime = r.client.accessTokenLifetime;
  const format = accessTokenFormat(r);
  if (format === 'jwt') {
    const claims = accessTokenClaims(ctx, r, now, lifetime, randomId(16));
    const key = ctx.keys.getSigningKey(allowedSigningAlgorithms(r));
    return {
      token: signJwt(key, claims, { typ: ctx.options.accessTokenJwtType }),
      expiresIn: lifetime,
      format,
      claims,
    };
  }
  const handle = newHandle();
  const claims = accessTokenClaims(ctx, r, now, lifetime, randomId(16));
  if (!ctx.options.emitScopesAsSpaceDelimitedStringInJwt) claims.scope = r.scopes.join(' ');
  await ctx.stores.grants.store({
    key: handleKey('reference_token', handle),
    type: 'reference_token',
    clientId: r.client.clientId,
    subjectId: r.subjectId,
    sessionId: r.sessionId,
    familyId: r.familyId,
    createdAt: now,
    expiresAt: now + lifetime,
    data: grantProtector(ctx).protect(JSON.stringify(claims)),
  });
  return { token: handle, expiresIn: lifetime, format, claims };
}
