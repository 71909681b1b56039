/**
 * Reading an access token from a request to a protected resource (RFC 6750 §2, RFC 9449 §7.1): the
 * `Authorization: Bearer` or `Authorization: DPoP` header, or the `access_token` member of a
 * form-encoded POST body (Bearer only). The query string (§2.3) is not a place Sigil reads tokens
 * from: URLs end up in logs.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import { isFormContentType, readForm } from '../../host/body.js';
import { LIMITS } from '../../host/form.js';
import { header, headerCount, type SigilRequest } from '../../host/request.js';

// RFC 6750 §2.1: b64token; RFC 9449 §7.1 uses the same token68 syntax.
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** An access token as presented: the token and the authorization scheme it came with. */
export interface PresentedAccessToken {
  readonly token: string;
  /** `DPoP` for `Authorization: DPoP`; `Bearer` for a Bearer header or a form body. */
  readonly scheme: 'Bearer' | 'DPoP';
}

/**
 * The access token of a request, or undefined when it carries none. Throws `invalid_request` when
 * the token is sent in more than one way (§2: "MUST NOT use more than one method"), when the
 * `Authorization` header is repeated, or when a Bearer or DPoP credential is malformed.
 */
export function readAccessToken(req: SigilRequest): PresentedAccessToken | undefined {
  const fromHeader = headerToken(req);
  const fromBody = req.method === 'POST' && isFormContentType(req.headers['content-type']) ? bodyToken(req) : undefined;
  if (fromHeader !== undefined && fromBody !== undefined)
    throw new InvalidRequest('the access token must be sent in the Authorization header or the body, not both');
  return fromHeader ?? (fromBody === undefined ? undefined : { token: fromBody, scheme: 'Bearer' });
}

// RFC 6750 §2.1, RFC 9449 §7.1
function headerToken(req: SigilRequest): PresentedAccessToken | undefined {
  if (headerCount(req, 'authorization') > 1) throw new InvalidRequest('"Authorization" header must not be repeated');
  const value = header(req, 'authorization');
  if (value === undefined) return undefined;
  const space = value.indexOf(' ');
  const scheme = (space === -1 ? value : value.slice(0, space)).toLowerCase();
  // Other schemes (Basic, ...) carry no access token; the request then has no credentials for us.
  if (scheme !== 'bearer' && scheme !== 'dpop') return undefined;
  const name = scheme === 'bearer' ? 'Bearer' : 'DPoP';
  const token = space === -1 ? '' : value.slice(space + 1).trim();
  if (token.length > LIMITS.token) throw new InvalidRequest(`the ${name} token is too long`);
  if (!B64TOKEN.test(token)) throw new InvalidRequest(`the Authorization header is not a valid ${name} credential`);
  return { token, scheme: name };
}

// RFC 6750 §2.2
function bodyToken(req: SigilRequest): string | undefined {
  return readForm(req, 400).get('access_token', LIMITS.token);
}
