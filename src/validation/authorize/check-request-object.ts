/**
 * `check-request-object`: request objects (JAR) are not supported yet, so `request` and
 * `request_uri` are refused with the OpenID Connect error codes. A pushed request's `request_uri`
 * is resolved by the authorize endpoint before the table runs, so none reaches this step.
 */
import { InvalidRequest, RequestNotSupported, RequestUriNotSupported } from '../../errors/oauth-error.js';
import type { AuthorizeDraft } from './types.js';

/** Refuse `request` and `request_uri`. */
// OpenID Connect Core §6 and §3.1.2.6; RFC 9126 §2.1 ("request_uri" MUST NOT be pushed)
export function checkRequestObject(d: AuthorizeDraft): void {
  if (d.flow === 'par' && d.params.has('request_uri'))
    throw new InvalidRequest('"request_uri" must not be used in a pushed authorization request');
  if (d.params.has('request')) throw new RequestNotSupported('"request" (request objects) is not supported');
  if (d.params.has('request_uri')) throw new RequestUriNotSupported('"request_uri" is not supported');
}
