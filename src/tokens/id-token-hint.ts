/**
 * Reads an `id_token_hint`: an ID token this server issued. The signature must verify with one of
 * our keys and the issuer must be ours; an expired token is still a valid hint (OpenID Connect
 * Core §3.1.2.1, RP-Initiated Logout 1.0 §2).
 */
import type { ServerContext } from '../context.js';
import { decodeJwt } from '../crypto/decode-jwt.js';
import { LIMITS } from '../host/form.js';
import { verifyOwnJwt } from './validate-access-token.js';

/** What a valid hint says. */
export interface IdTokenHint {
  readonly sub: string;
  readonly sid?: string;
  /** The audiences: the client (or clients) the token was issued to. */
  readonly aud: readonly string[];
}

/** The claims of `hint` when it is an ID token of this server, else undefined. */
export function readIdTokenHint(ctx: ServerContext, hint: string): IdTokenHint | undefined {
  const claims = verifyOwnJwt(ctx, hint);
  if (!claims) return undefined;
  // RFC 8725 §3.11: an access token (typ at+jwt) or a logout token is not an ID token.
  const typ = decodeJwt(hint, LIMITS.idTokenHint).header.typ;
  if (typ !== undefined && typ.toLowerCase() !== 'jwt') return undefined;
  if (typeof claims.sub !== 'string' || claims.sub === '') return undefined;
  const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud : [];
  if (aud.length === 0 || !aud.every((a): a is string => typeof a === 'string')) return undefined;
  return { sub: claims.sub, sid: typeof claims.sid === 'string' ? claims.sid : undefined, aud };
}
