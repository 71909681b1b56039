/**
 * The one way client authentication fails: `invalid_client` with a generic public description
 * and a precise private detail (RFC 6749 §5.2).
 */
import { InvalidClient } from '../errors/oauth-error.js';

/** The public `error_description` of every authentication failure; it reveals nothing. */
export const AUTH_FAILED = 'client authentication failed';

/** The `WWW-Authenticate` challenge sent when the client used HTTP Basic. */
export const BASIC_CHALLENGE = 'Basic realm="sigil"';

/**
 * An `invalid_client` error (401). `detail` goes only to logs and events, so it may name the
 * client and the reason but never a secret or an assertion. When the client tried HTTP Basic,
 * the response carries `WWW-Authenticate` (RFC 6749 §5.2: MUST).
 */
export function authFailure(detail: string, options: { basic?: boolean; cause?: unknown } = {}): InvalidClient {
  const err = new InvalidClient(AUTH_FAILED, { detail, cause: options.cause });
  if (options.basic) err.headers['www-authenticate'] = BASIC_CHALLENGE;
  return err;
}
