/**
 * `check-pushed-authorization`: a client that must push its authorization requests (its own
 * `requirePushedAuthorization`, or every client by `pushedAuthorization.required`) is refused at
 * the authorize endpoint unless the parameters came from a `request_uri` of the PAR endpoint.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import type { AuthorizeDraft } from './types.js';

/** Refuse a request that was not pushed when pushing is required. */
// RFC 9126 §5 (require_pushed_authorization_requests) and §6 (the client metadata of that name)
export function checkPushedAuthorization(d: AuthorizeDraft): void {
  if (d.pushed) return;
  if (d.ctx.options.pushedAuthorization.required || d.client!.requirePushedAuthorization)
    throw new InvalidRequest(
      'the authorization request must be pushed to the pushed authorization request endpoint and sent as "request_uri"',
    );
}
