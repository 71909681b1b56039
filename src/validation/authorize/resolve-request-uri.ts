/**
 * The authorize endpoint's side of pushed authorization requests: a `request_uri` of the PAR
 * endpoint is consumed (once; a replay finds nothing), checked against `client_id` and its
 * expiry, and replaced by the pushed parameters. Every other query parameter is ignored.
 */
import type { ServerContext } from '../../context.js';
import { InvalidRequest, RequestUriNotSupported } from '../../errors/oauth-error.js';
import { LIMITS, Params } from '../../host/form.js';
import { AUTHORIZE_PARAMETER_LIMITS } from './parameter-limits.js';
import {
  PUSHED_REQUEST_URI_PREFIX,
  type PushedRequestPayload,
  pushedRequestKey,
  pushedRequestProtector,
} from './pushed-request-data.js';

/**
 * Consume the pushed request that `params.request_uri` names and return its parameters. Throws
 * `invalid_request` for a missing `client_id`, an unknown, expired, used or foreign `request_uri`,
 * and `request_uri_not_supported` for a `request_uri` that is not one of ours (fetching request
 * objects by URL is not supported).
 *
 * @example
 * ```ts
 * const params = query.has('request_uri') ? await resolveRequestUri(ctx, query) : query;
 * ```
 */
// RFC 9126 §4; RFC 9101 §5.2.3
export async function resolveRequestUri(ctx: ServerContext, params: Params): Promise<Params> {
  const requestUri = params.get('request_uri', AUTHORIZE_PARAMETER_LIMITS.request_uri);
  const clientId = params.get('client_id', LIMITS.clientId);
  if (requestUri === undefined) throw new InvalidRequest('"request_uri" must not be empty');
  if (!requestUri.startsWith(PUSHED_REQUEST_URI_PREFIX))
    throw new RequestUriNotSupported(
      '"request_uri" must be a request URI returned by the pushed authorization endpoint',
    );
  // RFC 9126 §4: client_id is required, so the request can be bound to the client that pushed it.
  if (clientId === undefined) throw new InvalidRequest('"client_id" is required with "request_uri"');
  const now = ctx.now();
  const handle = requestUri.slice(PUSHED_REQUEST_URI_PREFIX.length);
  // Consumed before anything else is checked, and only by the client that pushed it: another
  // client_id finds nothing and cannot use the handle up for the real client.
  const stored = await ctx.stores.pushedRequests.consume(pushedRequestKey(handle), now, clientId);
  if (!stored) throw new InvalidRequest('"request_uri" is unknown, expired or was already used');
  let payload: PushedRequestPayload;
  try {
    payload = JSON.parse(pushedRequestProtector(ctx).unprotect(stored.data)) as PushedRequestPayload;
  } catch (e) {
    throw new InvalidRequest('"request_uri" is unknown, expired or was already used', {
      detail: `the pushed request could not be read: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
  if (payload.clientId !== clientId || stored.clientId !== clientId)
    throw new InvalidRequest('"request_uri" was not pushed by this client');
  if (!(payload.expiresAt >= now)) throw new InvalidRequest('"request_uri" is unknown, expired or was already used');
  return Params.from(payload.parameters as Record<string, string | string[]>);
}
