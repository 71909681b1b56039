/**
 * What a pushed authorization request (RFC 9126) is stored as: the key is the hash of the
 * `request_uri` handle, never the handle, and the parameters are data-protected, bound to the
 * pushing client. Shared by the PAR endpoint, which writes it, and the authorize endpoint, which
 * consumes it.
 */
import type { ServerContext } from '../../context.js';
import { handleKey } from '../../crypto/handles.js';
import type { DataProtector } from '../../crypto/types.js';

/** The prefix of every `request_uri` the PAR endpoint returns (RFC 9126 §2.2). */
export const PUSHED_REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:';

/** The data-protection purpose (and handle-hash type) of pushed requests. */
export const PUSHED_REQUEST_PURPOSE = 'pushed-authorization-request';

/** The protected payload of a pushed request. */
export interface PushedRequestPayload {
  /** The client that pushed the request (RFC 9126 §4: only it may use the `request_uri`). */
  readonly clientId: string;
  /** Epoch seconds. */
  readonly expiresAt: number;
  /** The validated request's parameters, with `client_id`. */
  readonly parameters: Readonly<Record<string, string | readonly string[]>>;
}

/** The store key of a `request_uri` handle. */
export function pushedRequestKey(handle: string): string {
  return handleKey(PUSHED_REQUEST_PURPOSE, handle);
}

const protectors = new WeakMap<ServerContext, DataProtector>();

/** The context's protector for pushed requests (created once per context). */
export function pushedRequestProtector(ctx: ServerContext): DataProtector {
  let p = protectors.get(ctx);
  if (!p) {
    p = ctx.protection.createProtector(PUSHED_REQUEST_PURPOSE);
    protectors.set(ctx, p);
  }
  return p;
}
