/**
 * `check-id-token-hint`: an ID token this server issued to this client. Its signature must verify;
 * an expired one is still a valid hint.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import { readIdTokenHint } from '../../tokens/id-token-hint.js';
import type { AuthorizeDraft } from './types.js';

const INVALID = '"id_token_hint" is not a valid ID token issued by this server to this client';

/** Verify `id_token_hint` and keep its `sub` and `sid`. */
// OpenID Connect Core §3.1.2.1
export function checkIdTokenHint(d: AuthorizeDraft): void {
  const hint = d.params.get('id_token_hint', LIMITS.idTokenHint);
  if (hint === undefined) return;
  const claims = readIdTokenHint(d.ctx, hint);
  if (!claims?.aud.includes(d.client!.clientId)) throw new InvalidRequest(INVALID);
  d.idTokenHint = { sub: claims.sub, sid: claims.sid };
}
