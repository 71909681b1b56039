/**
 * Time and identity claims of a client assertion (RFC 7523 §3, OIDC Core §9), with FAPI 2.0
 * clock-offset bounds (§5.3.2.1-13: accept `iat`/`nbf` up to 10 s ahead, reject beyond 60 s).
 */

/** The claims a verified assertion must carry. */
export interface AssertionClaims {
  readonly exp: number;
  readonly jti: string;
}

/** Bounds applied to an assertion's times, in seconds. */
export interface AssertionTimeRules {
  readonly now: number;
  readonly clockSkew: number;
  readonly maxLifetime: number;
}

const MAX_JTI_LENGTH = 256;

function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Checks `iss`, `sub`, `exp`, `iat`, `nbf` and the shape of `jti`. Returns the claims needed
 * for replay detection, or the reason the assertion is not acceptable.
 */
export function checkAssertionClaims(
  payload: Readonly<Record<string, unknown>>,
  clientId: string,
  rules: AssertionTimeRules,
): AssertionClaims | string {
  const { iss, sub, exp, iat, nbf, jti } = payload;
  if (iss !== clientId) return '"iss" is not the client_id';
  if (sub !== clientId) return '"sub" is not the client_id';
  if (exp === undefined) return '"exp" is missing';
  if (!isTime(exp)) return '"exp" is not a number';
  if (iat !== undefined && !isTime(iat)) return '"iat" is not a number';
  if (nbf !== undefined && !isTime(nbf)) return '"nbf" is not a number';
  const { now, clockSkew, maxLifetime } = rules;
  if (exp < now - clockSkew) return `"exp" ${exp} is in the past`;
  if (iat !== undefined && iat > now + clockSkew) return `"iat" ${iat} is in the future`;
  if (nbf !== undefined && nbf > now + clockSkew) return `"nbf" ${nbf} is in the future`;
  // Bounding the lifetime also bounds how long the replay cache must remember the jti.
  if (exp - (iat ?? now) > maxLifetime) return `lifetime ${exp - (iat ?? now)} s exceeds ${maxLifetime} s`;
  if (jti === undefined) return '"jti" is missing';
  if (typeof jti !== 'string' || jti.length === 0) return '"jti" is not a non-empty string';
  if (jti.length > MAX_JTI_LENGTH) return `"jti" is longer than ${MAX_JTI_LENGTH} characters`;
  return { exp, jti };
}
