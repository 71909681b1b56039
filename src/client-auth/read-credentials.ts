/**
 * Reads what a caller presented to authenticate, before any lookup: HTTP Basic, a secret in
 * the body, a JWT assertion, or a bare `client_id`. Rejects requests that use more than one
 * method (RFC 6749 §2.3: "MUST NOT use more than one authentication method in each request").
 */
import { InvalidRequest } from '../errors/oauth-error.js';
import { LIMITS, type Params } from '../host/form.js';
import { header, headerCount, type SigilRequest } from '../host/request.js';
import { isBasicAuthorization, parseBasicCredentials } from './client-secret-basic.js';

const REPEATED_BASIC = /(?:^|,)\s*basic(?:\s|$)/i;

/** What the caller presented; `kind: 'nothing'` when it presented no identity at all. */
export type PresentedCredentials =
  | { readonly kind: 'basic'; readonly clientId: string; readonly clientSecret: string }
  | { readonly kind: 'post'; readonly clientId: string; readonly clientSecret: string }
  | {
      readonly kind: 'assertion';
      readonly clientId?: string;
      readonly assertionType: string;
      readonly assertion: string;
    }
  | { readonly kind: 'none'; readonly clientId: string }
  | { readonly kind: 'nothing' };

/**
 * Classifies the credentials of a request. Throws `invalid_request` for structural problems
 * (two methods, a repeated or over-long parameter, a body `client_id` differing from Basic) and
 * `invalid_client` for a malformed Basic header. Authorization schemes other than Basic are
 * ignored here: they authenticate something else (e.g. a bearer caller of introspection).
 */
export function readCredentials(req: SigilRequest, params: Params): PresentedCredentials {
  if (headerCount(req, 'authorization') > 1) throw new InvalidRequest('"Authorization" header must not be repeated');
  const authorization = header(req, 'authorization');
  // Fetch-style Headers join repeated fields with ", "; Basic credentials never hold a comma.
  if (authorization?.includes(',') && REPEATED_BASIC.test(authorization)) {
    throw new InvalidRequest('"Authorization" header must not be repeated');
  }
  const usesBasic = authorization !== undefined && isBasicAuthorization(authorization);
  const clientId = params.get('client_id', LIMITS.clientId);
  const clientSecret = params.get('client_secret', LIMITS.clientSecret);
  const assertion = params.get('client_assertion', LIMITS.jwt);
  const assertionType = params.get('client_assertion_type', LIMITS.jwt);
  const usesAssertion = assertion !== undefined || assertionType !== undefined;

  // Structure before content: two methods are invalid_request even when the Basic value is malformed.
  const methods = (usesBasic ? 1 : 0) + (clientSecret !== undefined ? 1 : 0) + (usesAssertion ? 1 : 0);
  if (methods > 1) throw new InvalidRequest('only one client authentication method may be used in a request');

  if (usesBasic) {
    const basic = parseBasicCredentials(authorization);
    if (clientId !== undefined && clientId !== basic.clientId) {
      throw new InvalidRequest('"client_id" does not match the client authenticated by the Authorization header');
    }
    return { kind: 'basic', clientId: basic.clientId, clientSecret: basic.clientSecret };
  }
  if (clientSecret !== undefined) {
    if (clientId === undefined) throw new InvalidRequest('"client_id" is required with "client_secret"');
    return { kind: 'post', clientId, clientSecret };
  }
  if (usesAssertion) {
    if (assertionType === undefined) throw new InvalidRequest('"client_assertion_type" is required');
    if (assertion === undefined) throw new InvalidRequest('"client_assertion" is required');
    return { kind: 'assertion', clientId, assertionType, assertion };
  }
  if (clientId !== undefined) return { kind: 'none', clientId };
  return { kind: 'nothing' };
}
