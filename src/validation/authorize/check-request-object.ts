/**
 * `check-request-object`: request objects (JAR) are not supported yet, so `request` and
 * `request_uri` are refused with the OpenID Connect error codes.
 */
import { RequestNotSupported, RequestUriNotSupported } from '../../errors/oauth-error.js';
import type { AuthorizeDraft } from './types.js';

/** Refuse `request` and `request_uri`. */
// OpenID Connect Core §6 and §3.1.2.6
export function checkRequestObject(d: AuthorizeDraft): void {
  if (d.params.has('request')) throw new RequestNotSupported('"request" (request objects) is not supported');
  if (d.params.has('request_uri')) throw new RequestUriNotSupported('"request_uri" is not supported');
}
