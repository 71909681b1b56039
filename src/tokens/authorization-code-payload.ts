/**
 * What an authorization code stands for. The authorize endpoint stores it (data-protected, under a
 * hash of the code, as a `authorization_code` grant whose `familyId` groups every token issued
 * from it); the `authorization_code` grant consumes it atomically and issues the tokens.
 */

/** The payload of an authorization code. Times are epoch seconds. */
export interface AuthorizationCodePayload {
  readonly clientId: string;
  /** The exact `redirect_uri` of the authorize request, or undefined when it was omitted (OAuth only). */
  readonly redirectUri?: string;
  /** Granted scopes (after consent), in request order. */
  readonly scopes: readonly string[];
  /** Resource indicators of the authorize request (RFC 8707 §2.1). */
  readonly resources: readonly string[];
  readonly subjectId: string;
  /** The `sid` of the login session. */
  readonly sessionId: string;
  readonly authTime: number;
  readonly amr: readonly string[];
  readonly acr?: string;
  readonly idp: string;
  readonly nonce?: string;
  /** PKCE (RFC 7636 §4.3). */
  readonly codeChallenge?: string;
  readonly codeChallengeMethod?: 'S256' | 'plain';
  /** The `claims` request parameter (OpenID Connect Core §5.5), parsed. */
  readonly claimsRequest?: {
    readonly userinfo?: Readonly<Record<string, unknown>>;
    readonly id_token?: Readonly<Record<string, unknown>>;
  };
  /** DPoP key thumbprint bound at the authorize endpoint (RFC 9449 §10). */
  readonly dpopJkt?: string;
  /** The `state` value, for `s_hash` (FAPI 1). */
  readonly state?: string;
  /** The grant family: every token issued from this code shares it, so a replay revokes them all. */
  readonly familyId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}
