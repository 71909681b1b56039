/**
 * The validated request of a grant that issues tokens for a user (authorization code, refresh
 * token): frozen, fully typed, and the only thing token issuance reads (STYLE rule 4).
 */
import type { Client } from '../../config/model.js';
import type { ClaimsRequest } from '../../tokens/user-claims.js';
import type { ValidatedResources } from '../common/scopes.js';

/** How and when the user authenticated, carried from the login session to every token. */
export interface UserAuthentication {
  readonly subjectId: string;
  readonly sessionId?: string;
  readonly authTime: number;
  readonly amr: readonly string[];
  readonly acr?: string;
  readonly idp?: string;
}

/** A validated token request on behalf of a user. */
export interface ValidatedUserTokenRequest {
  readonly grantType: string;
  readonly client: Client;
  /** What the tokens issued now are for, after `scope` and `resource` narrowing. */
  readonly granted: ValidatedResources;
  /** The whole authorization: every scope and resource indicator, kept in refresh tokens. */
  readonly authorization: { readonly scopes: readonly string[]; readonly resources: readonly string[] };
  readonly user: UserAuthentication;
  readonly familyId: string;
  /** The authorize request's nonce (code grant only). */
  readonly nonce?: string;
  readonly claimsRequest?: ClaimsRequest;
  /** A refresh token is issued: `offline_access` was granted and the client allows offline access. */
  readonly offlineAccess: boolean;
  /** The DPoP key the access token is bound to (RFC 9449 §6.1), when the request had a proof. */
  readonly dpopJkt?: string;
}

/** Freeze a validated request and the arrays it holds. */
export function freezeRequest(r: ValidatedUserTokenRequest): ValidatedUserTokenRequest {
  Object.freeze(r.authorization.scopes);
  Object.freeze(r.authorization.resources);
  Object.freeze(r.authorization);
  Object.freeze(r.user.amr);
  Object.freeze(r.user);
  Object.freeze(r.granted);
  return Object.freeze(r);
}
