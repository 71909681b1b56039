/**
 * The PAR response generator (Duende `PushedAuthorizationResponseGenerator`): store a validated
 * authorization request under a fresh `request_uri` and describe it for the client.
 */
import type { ServerContext } from '../context.js';
import { newHandle } from '../crypto/handles.js';
import {
  PUSHED_REQUEST_URI_PREFIX,
  type PushedRequestPayload,
  pushedRequestKey,
  pushedRequestProtector,
} from '../validation/authorize/pushed-request-data.js';
import type { ValidatedAuthorizeRequest } from '../validation/authorize/types.js';

/** The body of a successful PAR response (RFC 9126 §2.2). */
export interface PushedAuthorizationResponse {
  readonly request_uri: string;
  readonly expires_in: number;
}

/**
 * Store `request` for its client and return the `request_uri` (a 256-bit handle, of which only the
 * hash is stored) and its lifetime: the client's `pushedAuthorizationLifetime`, else
 * `pushedAuthorization.lifetime`.
 */
// RFC 9126 §2.2
export async function pushAuthorizationRequest(
  ctx: ServerContext,
  request: ValidatedAuthorizeRequest,
): Promise<PushedAuthorizationResponse> {
  const client = request.client;
  const lifetime = client.pushedAuthorizationLifetime ?? ctx.options.pushedAuthorization.lifetime;
  const expiresAt = ctx.now() + lifetime;
  // client_id may have come from client authentication only; the authorize endpoint needs it.
  const payload: PushedRequestPayload = {
    clientId: client.clientId,
    expiresAt,
    parameters: { ...request.parameters, client_id: client.clientId },
  };
  const handle = newHandle();
  await ctx.stores.pushedRequests.store({
    key: pushedRequestKey(handle),
    clientId: client.clientId,
    expiresAt,
    data: pushedRequestProtector(ctx).protect(JSON.stringify(payload)),
  });
  return { request_uri: PUSHED_REQUEST_URI_PREFIX + handle, expires_in: lifetime };
}
