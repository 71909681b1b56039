/**
 * The tokens an implicit or hybrid authorization response carries (`access_token`, `id_token`,
 * with `at_hash`/`c_hash`). The minting of access and ID tokens is built on another branch
 * (`authorization_code` grant, ID tokens, userinfo); the lead connects this function to it after
 * both branches are merged. Until then every token-returning response type is refused with
 * `unsupported_response_type`, after validation, so the checks of those types are in place.
 */
import { UnsupportedResponseType } from '../../errors/oauth-error.js';
import type { InteractionRuntime } from '../../interaction/runtime.js';
import type { UserSession } from '../../sessions/types.js';
import type { ValidatedAuthorizeRequest } from '../../validation/authorize/types.js';

/** What the token part of an implicit or hybrid response is made from. */
export interface AuthorizeResponseTokensInput {
  readonly rt: InteractionRuntime;
  readonly request: ValidatedAuthorizeRequest;
  readonly session: UserSession;
  /** The granted scopes. */
  readonly scopes: readonly string[];
  /** The code of a hybrid response, for `c_hash` (OpenID Connect Core §3.3.2.11). */
  readonly code?: string;
}

/** The parameters to add to the response: `access_token`, `token_type`, `expires_in`, `id_token`. */
export type AuthorizeResponseTokens = Readonly<Record<string, string>>;

/** Mint the tokens of an implicit or hybrid response. Not implemented on this branch: always throws `unsupported_response_type` (see the file comment). */
// OpenID Connect Core §3.2.2.5, §3.3.2.5; RFC 6749 §4.2.2
export async function issueAuthorizeResponseTokens(
  input: AuthorizeResponseTokensInput,
): Promise<AuthorizeResponseTokens> {
  // TODO(lead, after merging the token branch): mint the access token (when response_type has
  // `token`) and the ID token (when it has `id_token`, with nonce, at_hash, c_hash, s_hash) here.
  throw new UnsupportedResponseType(
    `"response_type" ${input.request.responseType} is not available yet: tokens from the authorization endpoint are not implemented`,
  );
}
