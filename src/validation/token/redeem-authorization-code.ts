/**
 * Redeeming an authorization code (RFC 6749 §4.1.3, RFC 7636 §4.6, RFC 9700 §4.2.4): find it by
 * the hash of its handle, check that the request matches it, and, once the whole request is
 * valid, consume it atomically.
 *
 * The order is deliberate. Every check that compares the request with the code (client,
 * `redirect_uri`, PKCE) runs before the code is consumed and before a replay is acted on:
 * - A code presented by another client fails without side effects. Whoever holds a stolen code
 *   cannot redeem it for another client, nor for the victim without the victim's verifier or
 *   secret; consuming or revoking on their request would only let them break the victim's login.
 * - A replay revokes the family only when it would otherwise have been valid, so someone who
 *   merely saw a used code (in a log, a `Referer`) cannot revoke the user's tokens; the replays
 *   that matter, a second redemption by an attacker or by the legitimate client, carry the verifier.
 * - The atomic `consume` settles concurrent redemptions: exactly one wins; the others are replays.
 */
import type { Client } from '../../config/model.js';
import type { ServerContext } from '../../context.js';
import { handleKey } from '../../crypto/handles.js';
import { InvalidGrant, InvalidRequest } from '../../errors/oauth-error.js';
import type { PersistedGrant } from '../../stores/types.js';
import { AUTHORIZATION_CODE_GRANT, readAuthorizationCodePayload } from '../../tokens/authorization-code.js';
import type { AuthorizationCodePayload } from '../../tokens/authorization-code-payload.js';
import { revokeFamily } from '../../tokens/grant-family.js';
import { checkCodeVerifier } from './check-code-verifier.js';

/** The parameters of a code redemption. */
export interface CodeRedemption {
  readonly code: string;
  readonly redirectUri?: string;
  readonly codeVerifier?: string;
  /** The thumbprint of the DPoP proof key sent with the request, if any. */
  readonly dpopJkt?: string;
}

const INVALID = '"code" is invalid or expired';

/** A code that matches the request. */
export interface RedeemedCode {
  /** The store key of the code (once consumed, it stays for replay detection). */
  readonly key: string;
  readonly grant: PersistedGrant;
  readonly payload: AuthorizationCodePayload;
}

/**
 * Find the code and check it against the request and `client`, without consuming it. A code that
 * was already consumed is a replay: its family is revoked and the answer is `invalid_grant`.
 */
export async function findAuthorizationCode(
  ctx: ServerContext,
  client: Client,
  r: CodeRedemption,
): Promise<RedeemedCode> {
  // RFC 6749 §4.1.3
  const key = handleKey(AUTHORIZATION_CODE_GRANT, r.code);
  const grant = await ctx.stores.grants.get(key);
  if (grant?.type !== AUTHORIZATION_CODE_GRANT) throw new InvalidGrant(INVALID);
  if (grant.clientId !== client.clientId)
    throw new InvalidGrant('"code" was not issued to this client', { detail: `code of "${grant.clientId}"` });
  const payload = readPayload(ctx, grant);
  checkRedirectUri(payload, r.redirectUri);
  checkCodeVerifier(payload, r.codeVerifier, client.requirePkce);
  checkDPoPBinding(payload, r.dpopJkt);
  if (grant.consumedAt !== undefined) await replayed(ctx, payload);
  if (grant.expiresAt !== undefined && grant.expiresAt <= ctx.now()) throw new InvalidGrant(INVALID);
  return { key, grant, payload };
}

/**
 * Consume a checked code atomically: of concurrent redemptions exactly one returns; the others
 * are replays (family revoked, `invalid_grant`).
 */
export async function consumeAuthorizationCode(ctx: ServerContext, code: RedeemedCode): Promise<void> {
  const result = await ctx.stores.grants.consume(code.key, ctx.now());
  if (result.status === 'not-found') throw new InvalidGrant(INVALID);
  if (result.status === 'already-consumed') await replayed(ctx, code.payload);
}

// RFC 6749 §4.1.2, RFC 9700 §4.2.4: deny, and revoke what the code already yielded.
async function replayed(ctx: ServerContext, payload: AuthorizationCodePayload): Promise<never> {
  await revokeFamily(ctx, payload.familyId, `authorization code of "${payload.clientId}" replayed`);
  throw new InvalidGrant('"code" has already been used');
}

function readPayload(ctx: ServerContext, grant: PersistedGrant): AuthorizationCodePayload {
  try {
    return readAuthorizationCodePayload(ctx, grant.data);
  } catch (err) {
    ctx.logger.warn({ err: (err as Error).message }, 'an authorization code could not be unprotected');
    throw new InvalidGrant(INVALID);
  }
}

// RFC 9449 §10: a code requested with `dpop_jkt` is redeemed only with a proof by that key.
function checkDPoPBinding(payload: AuthorizationCodePayload, presented: string | undefined): void {
  if (payload.dpopJkt === undefined) return;
  if (presented === undefined)
    throw new InvalidGrant('"code" is bound to a DPoP key; a DPoP proof with that key is required');
  if (presented !== payload.dpopJkt) throw new InvalidGrant('the DPoP proof key does not match "dpop_jkt"');
}

// RFC 6749 §4.1.3: required and identical when the authorization request included it.
function checkRedirectUri(payload: AuthorizationCodePayload, presented: string | undefined): void {
  if (payload.redirectUri === undefined) return;
  if (presented === undefined)
    throw new InvalidRequest('"redirect_uri" is required because the authorization request included it');
  if (presented !== payload.redirectUri)
    throw new InvalidGrant('"redirect_uri" does not match the one of the authorization request');
}
