/**
 * ID tokens (OpenID Connect Core §2, §3.1.3.6, §3.3.2.11). One composed step issues them: the
 * token endpoint after any grant that granted `openid`, and the authorize endpoint for the
 * implicit and hybrid flows. Grants never build ID tokens themselves (STYLE rule 3).
 */
import type { Client } from '../config/model.js';
import type { ServerContext } from '../context.js';
import { atHash, cHash, sHash } from '../crypto/hash-claims.js';
import { signJwt } from '../crypto/sign-jwt.js';
import { type ClaimsRequestMember, identityClaimTypes, loadUserClaims, requestedClaimNames } from './user-claims.js';

/** What an ID token is issued for. Times are epoch seconds. */
export interface IdTokenInput {
  /** The audience (`aud` = its client_id); its `allowedIdentityTokenSigningAlgorithms` pick the key. */
  readonly client: Client;
  readonly subjectId: string;
  /** `sid` (OpenID Connect Front-/Back-Channel Logout). */
  readonly sessionId?: string;
  /** `auth_time`: when the user authenticated (kept from the original sign-in on refresh). */
  readonly authTime: number;
  readonly amr?: readonly string[];
  readonly acr?: string;
  readonly idp?: string;
  /** The authorize request's `nonce`; never on refresh. */
  readonly nonce?: string;
  /** Granted scopes; the identity scopes among them select user claims. */
  readonly scopes: readonly string[];
  /** The access token issued alongside, for `at_hash`. */
  readonly accessToken?: string;
  /** The authorization code issued alongside (hybrid flow), for `c_hash`. */
  readonly code?: string;
  /** The authorize request's `state`, for `s_hash` (FAPI 1.0 Advanced §5.2.2.1). */
  readonly state?: string;
  /** The `id_token` member of the `claims` request parameter (OIDC Core §5.5); always honoured. */
  readonly claimsRequest?: ClaimsRequestMember;
  /**
   * Put the identity scopes' user claims in the token. Default: when the client has
   * `alwaysIncludeUserClaimsInIdToken`, or when no access token is issued (OIDC Core §5.4).
   * The hybrid `code id_token` response passes `false`: the code will yield an access token.
   */
  readonly includeUserClaims?: boolean;
}

/** An issued ID token. */
export interface IssuedIdToken {
  readonly token: string;
  readonly claims: Readonly<Record<string, unknown>>;
  /** The JWS `alg` it was signed with. */
  readonly alg: string;
}

/**
 * Issue an ID token, signed with the first of the client's `allowedIdentityTokenSigningAlgorithms`
 * that has a key (the default algorithm when the list is empty), with `typ: JWT`.
 *
 * @example
 * ```ts
 * const { token } = await createIdToken(ctx, {
 *   client, subjectId: session.subjectId, sessionId: session.sessionId, authTime: session.authTime,
 *   amr: session.amr, idp: session.idp, nonce, scopes, code, includeUserClaims: false,
 * });
 * ```
 * @throws `ServerError` when no signing key matches the client's algorithms.
 */
export async function createIdToken(ctx: ServerContext, input: IdTokenInput): Promise<IssuedIdToken> {
  const { client } = input;
  const key = ctx.keys.getSigningKey(client.allowedIdentityTokenSigningAlgorithms);
  const now = ctx.now();
  const claims: Record<string, unknown> = {
    iss: ctx.issuer,
    sub: input.subjectId,
    aud: client.clientId,
    exp: now + client.identityTokenLifetime,
    iat: now,
    auth_time: input.authTime,
  };
  if (input.nonce !== undefined) claims.nonce = input.nonce;
  if (input.sessionId) claims.sid = input.sessionId;
  if (input.acr) claims.acr = input.acr;
  if (input.amr?.length) claims.amr = [...input.amr];
  if (input.idp) claims.idp = input.idp;
  if (input.accessToken !== undefined) claims.at_hash = atHash(input.accessToken, key.alg);
  if (input.code !== undefined) claims.c_hash = cHash(input.code, key.alg);
  if (input.state !== undefined) claims.s_hash = sHash(input.state, key.alg);
  const include = input.includeUserClaims ?? (client.alwaysIncludeUserClaimsInIdToken || !input.accessToken);
  const types = new Set(requestedClaimNames(input.claimsRequest));
  if (include) for (const t of identityClaimTypes(ctx.options.resources, input.scopes)) types.add(t);
  const user = await loadUserClaims(ctx, {
    subjectId: input.subjectId,
    client,
    caller: 'IdentityToken',
    sessionId: input.sessionId,
    claimTypes: [...types],
  });
  Object.assign(claims, user);
  return { token: signJwt(key, claims, { typ: 'JWT' }), claims, alg: key.alg };
}
