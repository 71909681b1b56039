/**
 * Validates an access token presented to introspection or userinfo: a JWT we signed (RFC 9068) or
 * a reference handle in the store. Anything invalid, expired, revoked, unknown or foreign yields
 * `undefined`; the caller decides how to answer.
 */
import type { ServerContext } from '../context.js';
import { decodeJwt } from '../crypto/decode-jwt.js';
import { handleKey } from '../crypto/handles.js';
import { verifyJwtSignature } from '../crypto/verify-jwt.js';
import { LIMITS } from '../host/form.js';
import { grantProtector } from './grant-protector.js';

/** A validated access token. */
export interface ValidatedAccessToken {
  readonly format: 'jwt' | 'reference';
  readonly claims: Readonly<Record<string, unknown>>;
}

/** True when a string looks like a compact JWS. */
export function looksLikeJwt(token: string): boolean {
  let dots = 0;
  for (let i = 0; i < token.length; i++) if (token.charCodeAt(i) === 46) dots++;
  return dots === 2;
}

/** Validate an access token; `undefined` for anything that is not a live token of ours. */
export async function validateAccessToken(
  ctx: ServerContext,
  token: string,
): Promise<ValidatedAccessToken | undefined> {
  const now = ctx.now();
  if (looksLikeJwt(token)) {
    if (token.length > LIMITS.token) return undefined;
    const claims = verifyOwnJwt(ctx, token, ctx.options.accessTokenJwtType);
    if (!claims) return undefined;
    if (typeof claims.exp !== 'number' || claims.exp <= now) return undefined;
    if (typeof claims.nbf === 'number' && claims.nbf > now + ctx.options.clockSkew) return undefined;
    return { format: 'jwt', claims };
  }
  if (token.length > LIMITS.tokenHandle) return undefined;
  const grant = await ctx.stores.grants.get(handleKey('reference_token', token));
  if (grant?.type !== 'reference_token') return undefined;
  if (grant.expiresAt !== undefined && grant.expiresAt <= now) return undefined;
  try {
    const claims = JSON.parse(grantProtector(ctx).unprotect(grant.data)) as Record<string, unknown>;
    return { format: 'reference', claims };
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message }, 'a reference token could not be unprotected');
    return undefined;
  }
}

/**
 * Verify a JWT this server signed: known `kid`, the key's algorithm, a valid signature, our
 * issuer, and the expected `typ`. Returns the claims or `undefined`.
 */
export function verifyOwnJwt(ctx: ServerContext, token: string, typ?: string): Record<string, unknown> | undefined {
  let decoded: ReturnType<typeof decodeJwt>;
  try {
    decoded = decodeJwt(token, LIMITS.token);
  } catch {
    return undefined;
  }
  const { header, payload } = decoded;
  if (typeof header.kid !== 'string') return undefined;
  const key = ctx.keys.findValidationKey(header.kid);
  if (!key || key.alg !== header.alg) return undefined;
  if (typ !== undefined && header.typ?.toLowerCase() !== typ.toLowerCase()) return undefined;
  if (!verifyJwtSignature(decoded, key.publicKey, key.alg)) return undefined;
  if (payload.iss !== ctx.issuer) return undefined;
  return payload;
}
