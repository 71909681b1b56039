/**
 * JWT client assertions: `private_key_jwt` and `client_secret_jwt` (RFC 7523 §2.2 and §3,
 * OIDC Core §9, FAPI 2.0 §5.3.2.1-8). Cheap checks run first; the signature next; the replay
 * cache last, so that unsigned junk can never burn a legitimate `jti`.
 */
import type { ServerContext } from '../context.js';
import { TemporarilyUnavailable } from '../errors/oauth-error.js';
import { LIMITS } from '../host/form.js';
import { allowsMethod } from './allowed-methods.js';
import { checkAudience, classifyTyp, isStrictAudience } from './assertion-audience.js';
import { checkAssertionClaims } from './assertion-claims.js';
import { checkClientSecretJwtSignature } from './client-secret-jwt.js';
import { decodeAssertion } from './decode-assertion.js';
import { authFailure } from './failure.js';
import { findEnabledClient } from './find-client.js';
import { checkPrivateKeyJwtSignature } from './private-key-jwt.js';
import { type AuthenticatedClient, JWT_BEARER_ASSERTION_TYPE } from './types.js';
import { HMAC_ALGS, isAsymmetricAlg } from './verify-signature.js';

/** Replay-cache purpose of client-assertion `jti`s. */
export const ASSERTION_REPLAY_PURPOSE = 'client-assertion';

// The length prefix keeps the key unambiguous: with a bare separator, client "a" sending jti
// "b:x" would burn jti "x" of client "a:b".
function replayKey(clientId: string, jti: string): string {
  return `${clientId.length}:${clientId}:${jti}`;
}

/** What the caller sent for a JWT assertion. */
export interface PresentedAssertion {
  readonly clientId?: string;
  readonly assertionType: string;
  readonly assertion: string;
}

/**
 * Authenticates a client by its assertion. Throws `invalid_client` for every rejection (with a
 * precise `detail`), and `temporarily_unavailable` when the replay cache cannot be reached:
 * without it a replay could not be ruled out, so the request fails closed.
 */
export async function authenticateAssertion(
  ctx: ServerContext,
  presented: PresentedAssertion,
): Promise<AuthenticatedClient> {
  if (presented.assertionType !== JWT_BEARER_ASSERTION_TYPE) throw authFailure('unsupported "client_assertion_type"');
  const jws = decodeAssertion(presented.assertion);
  if (typeof jws === 'string') throw authFailure(jws);
  const iss = jws.payload.iss;
  if (typeof iss !== 'string' || iss.length === 0) throw authFailure('assertion "iss" is not a non-empty string');
  // iss names the client, so the client_id limit applies; it also keeps 50 KB ids out of the logs.
  if (iss.length > LIMITS.clientId) throw authFailure(`assertion "iss" is longer than ${LIMITS.clientId} characters`);
  if (presented.clientId !== undefined && presented.clientId !== iss) {
    throw authFailure(`"client_id" "${presented.clientId}" differs from assertion "iss"`);
  }
  const client = findEnabledClient(ctx, presented.clientId ?? iss);
  const id = client.clientId;

  const alg = jws.header.alg;
  const method = HMAC_ALGS.has(alg) ? 'client_secret_jwt' : isAsymmetricAlg(alg) ? 'private_key_jwt' : undefined;
  if (method === undefined) throw authFailure(`assertion of "${id}" uses alg "${alg}", which is never accepted`);
  if (!allowsMethod(client, method)) throw authFailure(`client "${id}" may not use ${method} (alg ${alg})`);

  const typ = classifyTyp(jws.header.typ);
  if (typ === 'foreign') throw authFailure(`assertion of "${id}" has foreign typ "${String(jws.header.typ)}"`);

  const now = ctx.now();
  const claims = checkAssertionClaims(jws.payload, id, {
    now,
    clockSkew: ctx.options.clockSkew,
    maxLifetime: ctx.options.maxClientAssertionLifetime,
  });
  if (typeof claims === 'string') throw authFailure(`assertion of "${id}": ${claims}`);

  const strict = isStrictAudience(ctx, client, typ);
  const audience = checkAudience(jws.payload.aud, strict, ctx);
  if (audience) throw authFailure(`assertion of "${id}": ${audience}`);

  const signature =
    method === 'private_key_jwt'
      ? await checkPrivateKeyJwtSignature(ctx, client, jws)
      : checkClientSecretJwtSignature(client, jws, now);
  if (signature) throw authFailure(`assertion of "${id}": ${signature}`);

  // RFC 7523 §3 item 7: a jti is used once; remembered until exp plus the skew it was accepted with.
  let fresh: boolean;
  try {
    fresh = await ctx.stores.replay.add(
      ASSERTION_REPLAY_PURPOSE,
      replayKey(id, claims.jti),
      claims.exp + ctx.options.clockSkew,
    );
  } catch (e) {
    throw new TemporarilyUnavailable('client authentication is temporarily unavailable', {
      detail: `replay cache failed while checking the assertion of "${id}"`,
      cause: e,
    });
  }
  if (!fresh) throw authFailure(`assertion "jti" of "${id}" was already used`);
  return { client, method };
}
