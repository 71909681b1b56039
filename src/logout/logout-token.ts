/**
 * The logout token (OpenID Connect Back-Channel Logout 1.0 §2.4): a JWT with `typ: logout+jwt`
 * (§2.4 and RFC 8725 §3.11, so it can never pass for an ID token), signed with one of the
 * client's ID-token algorithms, carrying `sub` and `sid`, the back-channel logout event, and no
 * `nonce`.
 */
import type { Client } from '../config/model.js';
import type { ServerContext } from '../context.js';
import { randomId } from '../crypto/handles.js';
import { signJwt } from '../crypto/sign-jwt.js';

/** The event member of every logout token (§2.4). */
export const BACK_CHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** How long a logout token is valid: Duende's two minutes, plus skew at the receiver. */
export const LOGOUT_TOKEN_LIFETIME = 300;

/** Who was signed out. */
export interface LogoutSubject {
  readonly subjectId: string;
  readonly sessionId: string;
}

/** Create a signed logout token for `client`. */
// OpenID Connect Back-Channel Logout 1.0 §2.4
export function createLogoutToken(ctx: ServerContext, client: Client, who: LogoutSubject): string {
  const key = ctx.keys.getSigningKey(client.allowedIdentityTokenSigningAlgorithms);
  const now = ctx.now();
  const claims: Record<string, unknown> = {
    iss: ctx.issuer,
    sub: who.subjectId,
    aud: client.clientId,
    iat: now,
    exp: now + LOGOUT_TOKEN_LIFETIME,
    jti: randomId(16),
    events: { [BACK_CHANNEL_LOGOUT_EVENT]: {} },
  };
  // §2.4: sid is required when the client registered backchannel_logout_session_required; sending
  // it always lets any client end exactly the session that ended (Duende does the same).
  claims.sid = who.sessionId;
  return signJwt(key, claims, { typ: 'logout+jwt' });
}
