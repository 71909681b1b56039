/**
 * The parameters of an authorization request and their length limits (Duende
 * `InputLengthRestrictions`, our floor). Only these are read, and only these are kept when a
 * request is sealed into a return URL.
 */
import { LIMITS } from '../../host/form.js';

/** Maximum length per known parameter. */
export const AUTHORIZE_PARAMETER_LIMITS: Readonly<Record<string, number>> = Object.freeze({
  client_id: LIMITS.clientId,
  redirect_uri: LIMITS.redirectUri,
  response_type: 100,
  response_mode: 100,
  scope: LIMITS.scope,
  state: LIMITS.state,
  nonce: LIMITS.nonce,
  code_challenge: LIMITS.codeChallengeMax,
  code_challenge_method: 100,
  prompt: 100,
  max_age: 100,
  id_token_hint: LIMITS.idTokenHint,
  login_hint: LIMITS.loginHint,
  acr_values: LIMITS.acrValues,
  ui_locales: LIMITS.uiLocale,
  claims: 4096,
  resource: LIMITS.resource,
  dpop_jkt: 100,
  display: 100,
  request: LIMITS.jwt,
  request_uri: 512,
});

/** Parameters that may be repeated (RFC 8707 §2). */
export const REPEATABLE_PARAMETERS: ReadonlySet<string> = new Set(['resource']);
