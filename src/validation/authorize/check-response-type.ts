/**
 * `check-response-type`: the response type is known, its grant is allowed for the client, and
 * token-returning types need `allowAccessTokensViaBrowser` (Duende).
 */
import { InvalidRequest, UnauthorizedClient, UnsupportedResponseType } from '../../errors/oauth-error.js';
import type { AuthorizeDraft, AuthorizeGrantType, ResponseType } from './types.js';

/** Supported response types by their sorted tokens, with the grant each belongs to. */
const RESPONSE_TYPES: ReadonlyMap<string, { type: ResponseType; grant: AuthorizeGrantType }> = new Map(
  (
    [
      ['code', 'authorization_code'],
      ['token', 'implicit'],
      ['id_token', 'implicit'],
      ['id_token token', 'implicit'],
      ['code id_token', 'hybrid'],
      ['code token', 'hybrid'],
      ['code id_token token', 'hybrid'],
    ] as const
  ).map(([type, grant]) => [type.split(' ').sort().join(' '), { type, grant }]),
);

/** Normalise `response_type` and check the client may use it. */
// RFC 6749 §3.1.1, OAuth 2.0 Multiple Response Type Encoding Practices §3
export function checkResponseType(d: AuthorizeDraft): void {
  const raw = d.params.get('response_type', 100);
  if (raw === undefined) throw new InvalidRequest('"response_type" is required');
  const tokens = raw.split(' ');
  if (tokens.includes('') || new Set(tokens).size !== tokens.length)
    throw new InvalidRequest('"response_type" must be distinct values separated by single spaces');
  const known = RESPONSE_TYPES.get([...tokens].sort().join(' '));
  if (!known) throw new UnsupportedResponseType('"response_type" is not supported');
  const client = d.client!;
  if (!client.allowedGrantTypes.has(known.grant))
    throw new UnauthorizedClient(`the client may not use the response type "${known.type}"`);
  if (tokens.includes('token') && !client.allowAccessTokensViaBrowser)
    throw new UnauthorizedClient('the client may not receive access tokens through the browser');
  d.responseType = known.type;
  d.grantType = known.grant;
}
