/**
 * Reads a form body. Protocol endpoints accept only `application/x-www-form-urlencoded`
 * (RFC 6749 §3.2, RFC 7662 §2.1, RFC 7009 §2.1).
 */
import { InvalidRequest, UnsupportedMediaType } from '../errors/oauth-error.js';
import { Params } from './form.js';
import type { SigilRequest } from './request.js';

const FORM = 'application/x-www-form-urlencoded';

/** True when the content type is a form, with or without parameters such as `charset`. */
export function isFormContentType(value: string | string[] | undefined): boolean {
  if (typeof value !== 'string') return false;
  const semi = value.indexOf(';');
  const type = (semi === -1 ? value : value.slice(0, semi)).trim().toLowerCase();
  return type === FORM;
}

/**
 * Parse the form body. A body of another type answers `invalid_request` with status 400 (the token
 * endpoint, as Duende) or 415 (introspection, revocation, PAR).
 */
export function readForm(req: SigilRequest, wrongType: 400 | 415): Params {
  if (!isFormContentType(req.headers['content-type'])) {
    if (wrongType === 415) throw new UnsupportedMediaType();
    throw new InvalidRequest('the request body must be application/x-www-form-urlencoded');
  }
  const body = req.body;
  if (!body || body.length === 0) return Params.parse('');
  const text = body.toString('utf8');
  if (text.includes('\uFFFD')) throw new InvalidRequest('the request body is not valid UTF-8');
  return Params.parse(text);
}

/** Parse the query string. */
export function readQuery(req: SigilRequest): Params {
  return Params.parse(req.search);
}
