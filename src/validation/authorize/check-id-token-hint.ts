/**
 * `check-id-token-hint`: an ID token this server issued to this client. Its signature must verify;
 * an expired one is still a valid hint.
 */
import { decodeJwt } from '../../crypto/decode-jwt.js';
import { InvalidRequest } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import { verifyOwnJwt } from '../../tokens/validate-access-token.js';
import type { AuthorizeDraft } from './types.js';

const INVALID = '"id_token_hint" is not a valid ID token issued by this server to this client';

/** Verify `id_token_hint` and keep its `sub` and `sid`. */
// OpenID Connect Core §3.1.2.1
export function checkIdTokenHint(d: AuthorizeDraft): void {
  const hint = d.params.get('id_token_hint', LIMITS.idTokenHint);
  if (hint === undefined) return;
  const claims = verifyOwnJwt(d.ctx, hint);
  if (!claims) throw new InvalidRequest(INVALID);
  // RFC 8725 §3.11: an access token (typ at+jwt) or a logout token is not an ID token.
  const typ = decodeJwt(hint, LIMITS.idTokenHint).header.typ;
  if (typ !== undefined && typ.toLowerCase() !== 'jwt') throw new InvalidRequest(INVALID);
  const clientId = d.client!.clientId;
  const aud = claims.aud;
  if (!(aud === clientId || (Array.isArray(aud) && aud.includes(clientId)))) throw new InvalidRequest(INVALID);
  if (typeof claims.sub !== 'string' || claims.sub === '') throw new InvalidRequest(INVALID);
  d.idTokenHint = { sub: claims.sub, sid: typeof claims.sid === 'string' ? claims.sid : undefined };
}
