/**
 * Turns what a framework's body parser left behind back into body bytes, for requests whose
 * stream it read before Sigil. Only lossless cases are accepted: a buffer, a string, JSON, and a
 * flat form whose repeated parameters became arrays (so Sigil still rejects them). A form a parser
 * folded into nested objects cannot be read exactly and is refused.
 */
import { InvalidRequest, ServerError } from '../../errors/oauth-error.js';
import { isFormContentType } from '../body.js';

const FIX = 'mount Sigil before body parsers, or keep the raw bytes in req.rawBody (captureRawBody)';

/** The body bytes behind `parsed`, or an `OAuthError` thrown when they cannot be recovered exactly. */
export function bodyFromParsed(parsed: unknown, contentType: string | string[] | undefined): Buffer {
  if (Buffer.isBuffer(parsed)) return parsed;
  if (parsed instanceof Uint8Array) return Buffer.from(parsed.buffer, parsed.byteOffset, parsed.byteLength);
  if (typeof parsed === 'string') return Buffer.from(parsed, 'utf8');
  if (parsed !== null && typeof parsed === 'object') {
    if (isFormContentType(contentType)) return encodeFlatForm(parsed);
    if (isJsonContentType(contentType)) return Buffer.from(JSON.stringify(parsed), 'utf8');
  }
  throw new ServerError('the request body was read by another middleware before the identity server', {
    detail: `a body parser left ${describe(parsed)} for ${String(contentType)}; ${FIX}`,
  });
}

function encodeFlatForm(parsed: object): Buffer {
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'string') out.append(name, value);
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
      for (const v of value) out.append(name, v);
    else {
      throw new InvalidRequest('a form parameter was folded into a nested value by a body parser and cannot be read', {
        detail: `an extended (qs) form parser ran before Sigil and nested "${name.slice(0, 100)}"; ${FIX}`,
      });
    }
  }
  return Buffer.from(out.toString(), 'utf8');
}

function isJsonContentType(value: string | string[] | undefined): boolean {
  if (typeof value !== 'string') return false;
  const type = value.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
