/**
 * Validates an RP-initiated logout request (OpenID Connect RP-Initiated Logout 1.0 §2 and §3):
 * `id_token_hint`, `client_id`, `post_logout_redirect_uri`, `state`, `logout_hint` and
 * `ui_locales`. A failure is an `invalid_request` shown on the error page, never a redirect: §3
 * forbids post-logout redirection when any check fails.
 */
import type { Client } from '../../config/model.js';
import type { ServerContext } from '../../context.js';
import { InvalidRequest } from '../../errors/oauth-error.js';
import { LIMITS, type Params } from '../../host/form.js';
import { readIdTokenHint } from '../../tokens/id-token-hint.js';
import { readUiLocales } from '../authorize/check-ui-locales.js';

/** A valid end-session request. */
export interface ValidatedEndSessionRequest {
  /** The client, from `id_token_hint` or `client_id`. */
  readonly client?: Client;
  /** `sub` and `sid` of a valid `id_token_hint`. */
  readonly hint?: { readonly subjectId: string; readonly sessionId?: string };
  /** The registered `post_logout_redirect_uri`, exactly as sent. */
  readonly postLogoutRedirectUri?: string;
  /** `state`, kept only with a post-logout redirect. */
  readonly state?: string;
  readonly uiLocales?: string;
}

const BAD_HINT = '"id_token_hint" is not a valid ID token issued by this server';

/** Validate the parameters of `/connect/endsession`. */
// OpenID Connect RP-Initiated Logout 1.0 §2, §3
export function validateEndSessionRequest(ctx: ServerContext, params: Params): ValidatedEndSessionRequest {
  const rawHint = params.get('id_token_hint', LIMITS.idTokenHint);
  const clientId = params.get('client_id', LIMITS.clientId);
  const redirectUri = params.get('post_logout_redirect_uri', LIMITS.redirectUri);
  const state = params.get('state', LIMITS.state);
  params.get('logout_hint', LIMITS.loginHint); // accepted (length and repetition checked), not used
  const uiLocales = readUiLocales(params);

  let client: Client | undefined;
  let hint: ValidatedEndSessionRequest['hint'];
  if (rawHint !== undefined) {
    const claims = readIdTokenHint(ctx, rawHint);
    if (!claims) throw new InvalidRequest(BAD_HINT);
    // §2: with both, the client_id must be the one the ID token was issued to.
    const audience = clientId ?? (claims.aud.length === 1 ? claims.aud[0] : undefined);
    if (audience === undefined || !claims.aud.includes(audience))
      throw new InvalidRequest('"client_id" does not match the audience of "id_token_hint"');
    client = enabledClient(ctx, audience);
    hint = { subjectId: claims.sub, sessionId: claims.sid };
  } else if (clientId !== undefined) {
    client = enabledClient(ctx, clientId);
  }

  if (redirectUri === undefined) return { client, hint, uiLocales };
  // §3: the OP must know the client to check the URI against its registration.
  if (!client)
    throw new InvalidRequest(
      '"post_logout_redirect_uri" requires "id_token_hint" or "client_id" to identify the client',
    );
  // Exact, case-sensitive match as for redirect URIs (RFC 9700 §2.1).
  if (!client.postLogoutRedirectUris.includes(redirectUri))
    throw new InvalidRequest('"post_logout_redirect_uri" is not registered for this client');
  return { client, hint, postLogoutRedirectUri: redirectUri, state, uiLocales };
}

function enabledClient(ctx: ServerContext, clientId: string): Client {
  const client = ctx.clients.find(clientId);
  if (!client?.enabled) throw new InvalidRequest('unknown or disabled client');
  return client;
}
