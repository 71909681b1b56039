/**
 * Every OAuth error code Sigil can return, as a literal union so that a `switch` narrows it.
 * RFC 6749 §5.2, RFC 6750 §3.1, RFC 8628 §3.5, RFC 9449 §12.2, OpenID Connect Core §3.1.2.6.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_target'
  | 'invalid_token'
  | 'insufficient_scope'
  | 'access_denied'
  | 'unsupported_response_type'
  | 'unsupported_token_type'
  | 'server_error'
  | 'temporarily_unavailable'
  | 'login_required'
  | 'consent_required'
  | 'interaction_required'
  | 'account_selection_required'
  | 'invalid_request_uri'
  | 'invalid_request_object'
  | 'request_not_supported'
  | 'request_uri_not_supported'
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce'
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'request_too_large'
  | 'not_found';

/** Default HTTP status per error code (RFC 6749 §5.2 uses 400 unless stated). */
const STATUS: Partial<Record<OAuthErrorCode, number>> = {
  invalid_client: 401,
  invalid_token: 401,
  insufficient_scope: 403,
  server_error: 500,
  temporarily_unavailable: 503,
  method_not_allowed: 405,
  unsupported_media_type: 415,
  request_too_large: 413,
  not_found: 404,
};

/**
 * The one error class of the protocol pipeline. Throw it anywhere inside an endpoint; the error
 * boundary in `host/` renders it as an RFC 6749 §5.2 JSON body with `Cache-Control: no-store`.
 *
 * `description` is public (`error_description`); `detail` is private and only reaches the log.
 *
 * @example
 * ```ts
 * throw new InvalidGrant('"code" is expired', { detail: `code of ${clientId} expired at ${exp}` });
 * ```
 */
export class OAuthError extends Error {
  /** The RFC error code. */
  readonly error: OAuthErrorCode;
  /** The public `error_description`. */
  readonly description: string;
  /** HTTP status to answer with. */
  status: number;
  /** Private diagnostic detail; logged, never sent. */
  readonly detail?: string;
  /** Extra response headers, e.g. `WWW-Authenticate` or `DPoP-Nonce`. */
  headers: Record<string, string>;

  constructor(
    error: OAuthErrorCode,
    description: string,
    options: { status?: number; detail?: string; cause?: unknown } = {},
  ) {
    super(`${error}: ${description}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OAuthError';
    this.error = error;
    this.description = description;
    this.status = options.status ?? STATUS[error] ?? 400;
    this.detail = options.detail;
    this.headers = {};
  }

  /** The JSON body of RFC 6749 §5.2. */
  toJSON(): { error: OAuthErrorCode; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

type ErrorOptions = { status?: number; detail?: string; cause?: unknown };
function sub(code: OAuthErrorCode) {
  return class extends OAuthError {
    constructor(description: string, options?: ErrorOptions) {
      super(code, description, options);
    }
  };
}

/** `invalid_request` (RFC 6749 §5.2). */
export class InvalidRequest extends sub('invalid_request') {}
/** `invalid_client` (RFC 6749 §5.2), 401. */
export class InvalidClient extends sub('invalid_client') {}
/** `invalid_grant` (RFC 6749 §5.2). */
export class InvalidGrant extends sub('invalid_grant') {}
/** `unauthorized_client` (RFC 6749 §5.2). */
export class UnauthorizedClient extends sub('unauthorized_client') {}
/** `unsupported_grant_type` (RFC 6749 §5.2). */
export class UnsupportedGrantType extends sub('unsupported_grant_type') {}
/** `invalid_scope` (RFC 6749 §5.2). */
export class InvalidScope extends sub('invalid_scope') {}
/** `invalid_target` (RFC 8707 §2). */
export class InvalidTarget extends sub('invalid_target') {}
/** `invalid_token` (RFC 6750 §3.1), 401. */
export class InvalidToken extends sub('invalid_token') {}
/** `insufficient_scope` (RFC 6750 §3.1), 403. */
export class InsufficientScope extends sub('insufficient_scope') {}
/** `access_denied` (RFC 6749 §4.1.2.1). */
export class AccessDenied extends sub('access_denied') {}
/** `unsupported_response_type` (RFC 6749 §4.1.2.1). */
export class UnsupportedResponseType extends sub('unsupported_response_type') {}
/** `unsupported_token_type` (RFC 7009 §2.2.1). */
export class UnsupportedTokenType extends sub('unsupported_token_type') {}
/** `server_error`, 500. The description is always generic; details go to `detail`. */
export class ServerError extends sub('server_error') {}
/** `temporarily_unavailable`, 503. */
export class TemporarilyUnavailable extends sub('temporarily_unavailable') {}
/** `login_required` (OpenID Connect Core §3.1.2.6). */
export class LoginRequired extends sub('login_required') {}
/** `consent_required` (OpenID Connect Core §3.1.2.6). */
export class ConsentRequired extends sub('consent_required') {}
/** `interaction_required` (OpenID Connect Core §3.1.2.6). */
export class InteractionRequired extends sub('interaction_required') {}
/** `account_selection_required` (OpenID Connect Core §3.1.2.6). */
export class AccountSelectionRequired extends sub('account_selection_required') {}
/** `request_not_supported` (OpenID Connect Core §3.1.2.6): the `request` parameter is not supported. */
export class RequestNotSupported extends sub('request_not_supported') {}
/** `request_uri_not_supported` (OpenID Connect Core §3.1.2.6): the `request_uri` parameter is not supported. */
export class RequestUriNotSupported extends sub('request_uri_not_supported') {}
/** `invalid_dpop_proof` (RFC 9449 §12.2). */
export class InvalidDPoPProof extends sub('invalid_dpop_proof') {}
/** `use_dpop_nonce` (RFC 9449 §12.2). */
export class UseDPoPNonce extends sub('use_dpop_nonce') {}
/** 405: the method is not allowed on this endpoint. Rendered as `invalid_request` JSON with status 405. */
export class MethodNotAllowed extends OAuthError {
  constructor(allowed: readonly string[]) {
    super('invalid_request', `method not allowed; use ${allowed.join(' or ')}`, { status: 405 });
    this.headers.allow = allowed.join(', ');
  }
}
/** 415: the body is not `application/x-www-form-urlencoded`. */
export class UnsupportedMediaType extends OAuthError {
  constructor(description = 'the request body must be application/x-www-form-urlencoded') {
    super('invalid_request', description, { status: 415 });
  }
}
/** 413: the body is larger than the configured limit. */
export class RequestTooLarge extends OAuthError {
  constructor(limit: number) {
    super('invalid_request', `the request body exceeds ${limit} bytes`, { status: 413 });
  }
}

/** True for any {@link OAuthError}. */
export function isOAuthError(e: unknown): e is OAuthError {
  return e instanceof OAuthError;
}
