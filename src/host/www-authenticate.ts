/**
 * `WWW-Authenticate` challenges of protected resources (RFC 6750 §3, RFC 9110 §11.6.1): one header
 * value, auth-params as quoted strings with `"` and `\` escaped (RFC 9110 §5.6.4).
 */

/** Quote a value as an RFC 9110 quoted-string. Control characters, which it cannot hold, become spaces. */
export function quoteParam(value: string): string {
  return `"${value.replace(/[\x00-\x08\x0A-\x1F\x7F]/g, ' ').replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/**
 * A Bearer challenge: bare `Bearer` without parameters (RFC 6750 §3.1: a request without
 * credentials gets no error code), otherwise `Bearer error="…", error_description="…"[, scope="…"]`.
 *
 * @example
 * ```ts
 * bearerChallenge({ error: 'insufficient_scope', error_description: 'needs openid', scope: 'openid' });
 * // Bearer error="insufficient_scope", error_description="needs openid", scope="openid"
 * ```
 */
export function bearerChallenge(params: Readonly<Record<string, string | undefined>> = {}): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) if (v !== undefined) parts.push(`${k}=${quoteParam(v)}`);
  return parts.length === 0 ? 'Bearer' : `Bearer ${parts.join(', ')}`;
}

/**
 * A DPoP challenge (RFC 9449 §7.1): `DPoP algs="…"` and, for errors, `error` and
 * `error_description`.
 *
 * @example
 * ```ts
 * dpopChallenge(['ES256'], { error: 'invalid_token', error_description: 'bad binding' });
 * // DPoP error="invalid_token", error_description="bad binding", algs="ES256"
 * ```
 */
export function dpopChallenge(
  algs: readonly string[],
  params: Readonly<Record<string, string | undefined>> = {},
): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) if (v !== undefined) parts.push(`${k}=${quoteParam(v)}`);
  parts.push(`algs=${quoteParam(algs.join(' '))}`);
  return `DPoP ${parts.join(', ')}`;
}
