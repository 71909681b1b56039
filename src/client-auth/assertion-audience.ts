/**
 * Client-assertion `typ` and `aud` rules: the defence against the 2025 audience-injection
 * attack on `private_key_jwt` (OIDF disclosure 2025-02-25; FAPI 2.0 §5.3.2.1-8;
 * draft-ietf-oauth-rfc7523bis explicit typing). See docs: security.md §2.
 */
import type { Client } from '../config/model.js';
import type { ServerContext } from '../context.js';

/** How an assertion's `typ` header reads: absent, plain `JWT`, explicitly a client assertion, or another kind of token. */
export type AssertionTyp = 'absent' | 'jwt' | 'client-authentication' | 'foreign';

/**
 * Classifies the `typ` header. Media types compare case-insensitively and may carry the
 * `application/` prefix (RFC 7515 §4.1.9). Anything but `JWT` or `client-authentication+jwt`
 * (e.g. `dpop+jwt`, `at+jwt`, `logout+jwt`) is foreign: another token must never pass as a
 * client assertion (RFC 8725 §3.11).
 */
export function classifyTyp(typ: unknown): AssertionTyp {
  if (typ === undefined) return 'absent';
  if (typeof typ !== 'string') return 'foreign';
  let t = typ.toLowerCase();
  if (t.startsWith('application/')) t = t.slice('application/'.length);
  if (t === 'jwt') return 'jwt';
  if (t === 'client-authentication+jwt') return 'client-authentication';
  return 'foreign';
}

/**
 * Strict audience applies when the server or the client opts in, or for one request when the
 * assertion is explicitly typed `client-authentication+jwt`.
 */
export function isStrictAudience(ctx: ServerContext, client: Client, typ: AssertionTyp): boolean {
  return (
    ctx.options.strictClientAssertionAudience || client.strictClientAssertionAudience || typ === 'client-authentication'
  );
}

function legacyAudiences(ctx: ServerContext): Set<string> {
  const issuer = ctx.issuer;
  const alternate = issuer.endsWith('/') ? issuer.slice(0, -1) : `${issuer}/`;
  return new Set([issuer, alternate, ctx.urls.token, ctx.urls.par, ctx.urls.ciba]);
}

/**
 * Why `aud` is not acceptable, or undefined when it is.
 *
 * - Strict: `aud` must be one JSON string exactly equal to the issuer; no trailing-slash
 *   tolerance, no endpoint URLs, no arrays, not even of one element (FAPI 2.0 "as a string").
 * - Legacy (OIDC Core §9, RFC 7523 §3): the issuer (with or without one trailing slash), the
 *   token, PAR or CIBA endpoint URL, or an array of strings containing one of them.
 */
export function checkAudience(aud: unknown, strict: boolean, ctx: ServerContext): string | undefined {
  if (strict) {
    if (typeof aud !== 'string') return 'strict audience requires "aud" to be a single string';
    return aud === ctx.issuer ? undefined : 'strict audience requires "aud" to equal the issuer exactly';
  }
  const accepted = legacyAudiences(ctx);
  if (typeof aud === 'string') return accepted.has(aud) ? undefined : '"aud" names neither the issuer nor an endpoint';
  if (!Array.isArray(aud)) return '"aud" is missing or neither a string nor an array';
  if (aud.length === 0) return '"aud" is an empty array';
  if (!aud.every((a) => typeof a === 'string')) return '"aud" array holds a value that is not a string';
  return aud.some((a) => accepted.has(a)) ? undefined : '"aud" names neither the issuer nor an endpoint';
}
