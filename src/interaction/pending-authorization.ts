/**
 * A pending authorization request, sealed into the login and consent pages' return URL
 * (`/connect/authorize/callback?authz=…`). The URL itself carries the request, data-protected,
 * so resuming needs no interaction cookie and no server state: it works across instances and
 * restarts, and an expired request can still be answered to the client (the failure modes of
 * node-oidc-provider's `SessionNotFound`). Only very large requests are parked in `stores.cache`.
 */
import type { ServerContext } from '../context.js';
import { handleKey, newHandle } from '../crypto/handles.js';
import type { DataProtector } from '../crypto/types.js';
import { ENDPOINT_PATHS } from '../server/endpoint-urls.js';
import { issuerPath, toLocal } from './return-url.js';

/** How long a pending request may wait for the user, in seconds. */
export const PENDING_AUTHORIZATION_LIFETIME = 3600;
/** Requests whose JSON is longer are parked in the cache, keeping return URLs short. */
const INLINE_LIMIT = 2048;
const PURPOSE = 'authorize-request';

/** Errors a user-facing step may send back to the client. */
export type InteractionError =
  | 'access_denied'
  | 'login_required'
  | 'consent_required'
  | 'interaction_required'
  | 'account_selection_required'
  | 'temporarily_unavailable';

/** An authorization request waiting for the user, with what the user decided so far. */
export interface PendingAuthorization {
  /** The request's parameters as received. */
  readonly parameters: Readonly<Record<string, string | readonly string[]>>;
  /** When the request arrived; a sign-in after it satisfies `prompt=login` and `max_age`. */
  readonly issuedAt: number;
  readonly expiresAt: number;
  /**
   * The parameters came from a pushed authorization request (RFC 9126 §4), consumed at the
   * authorize endpoint: resuming needs no second `request_uri`, and a client that must push passes.
   */
  readonly pushed?: boolean;
  /** The user's consent for this request. */
  readonly consent?: { readonly subjectId: string; readonly scopes: readonly string[] };
  /**
   * The sign-in made on the login page for this request (`interaction.signIn` records it), so a
   * sign-in within the same second as the request still counts as fresh.
   */
  readonly authenticated?: { readonly sessionId: string; readonly authTime: number };
  /** The account the user chose to continue with (`prompt=select_account`). */
  readonly selectedSubjectId?: string;
  /** The user, or the host, refused the request. */
  readonly denied?: { readonly error: InteractionError; readonly description?: string };
}

/** What a return URL held. */
export type OpenedAuthorization =
  | { readonly status: 'ok'; readonly pending: PendingAuthorization }
  | { readonly status: 'expired'; readonly pending: PendingAuthorization }
  | { readonly status: 'invalid' };

/** Seal `pending` into the local return URL of the authorize callback. */
export async function pendingReturnUrl(ctx: ServerContext, pending: PendingAuthorization): Promise<string> {
  const protector = protectorOf(ctx);
  let json = JSON.stringify(pending);
  if (json.length > INLINE_LIMIT) {
    const ref = newHandle();
    const ttl = Math.max(1, pending.expiresAt - ctx.now());
    await ctx.stores.cache.set(cacheKey(ref), protector.protect(json), ttl);
    json = JSON.stringify({ ref });
  }
  return `${issuerPath(ctx.issuer)}${ENDPOINT_PATHS.authorizeCallback}?authz=${protector.protect(json)}`;
}

/** Open the value of the callback's `authz` parameter. */
export async function openPendingAuthorization(
  ctx: ServerContext,
  sealed: string | undefined,
): Promise<OpenedAuthorization> {
  if (!sealed || sealed.length > 8192) return { status: 'invalid' };
  const protector = protectorOf(ctx);
  try {
    let value = JSON.parse(protector.unprotect(sealed)) as PendingAuthorization & { ref?: string };
    if (typeof value.ref === 'string') {
      const parked = await ctx.stores.cache.get(cacheKey(value.ref));
      if (parked === undefined) return { status: 'invalid' };
      value = JSON.parse(protector.unprotect(parked)) as PendingAuthorization;
    }
    if (typeof value.parameters !== 'object' || typeof value.issuedAt !== 'number') return { status: 'invalid' };
    return { status: value.expiresAt > ctx.now() ? 'ok' : 'expired', pending: value };
  } catch {
    return { status: 'invalid' };
  }
}

/**
 * Open a whole return URL (local, or absolute on the issuer's origin when `allowIssuerOrigin`):
 * it must be the authorize callback with its `authz` parameter.
 */
export async function openReturnUrl(
  ctx: ServerContext,
  returnUrl: string | undefined,
  allowIssuerOrigin = false,
): Promise<OpenedAuthorization> {
  const local = toLocal(ctx.issuer, returnUrl, allowIssuerOrigin);
  if (local === undefined) return { status: 'invalid' };
  const q = local.indexOf('?');
  if (q < 0 || local.slice(0, q) !== `${issuerPath(ctx.issuer)}${ENDPOINT_PATHS.authorizeCallback}`)
    return { status: 'invalid' };
  const params = new URLSearchParams(local.slice(q + 1));
  if (params.getAll('authz').length !== 1) return { status: 'invalid' };
  return openPendingAuthorization(ctx, params.get('authz') ?? undefined);
}

const protectors = new WeakMap<ServerContext, DataProtector>();

function protectorOf(ctx: ServerContext): DataProtector {
  let p = protectors.get(ctx);
  if (!p) {
    p = ctx.protection.createProtector(PURPOSE);
    protectors.set(ctx, p);
  }
  return p;
}

function cacheKey(ref: string): string {
  return `sigil:authz:${handleKey(PURPOSE, ref)}`;
}
