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
 * An `invalid_client` error. `detail` goes only to logs and events, so it may name the client
 * and the reason but never a secret or an assertion. When the client tried HTTP Basic, the
 * answer is 401 with `WWW-Authenticate: Basic` (RFC 6749 §5.2: MUST); otherwise it is 400,
 * because a 401 without a challenge is not allowed (RFC 9110 §15.5.2). An endpoint whose spec
 * wants 401 regardless (CIBA §13) may raise the status itself.
 */
export function authFailure(detail: string, options: { basic?: boolean; cause?: unknown } = {}): InvalidClient {
  const err = new InvalidClient(AUTH_FAILED, { detail, cause: options.cause, status: options.basic ? 401 : 400 });
  if (options.basic) err.headers['www-authenticate'] = BASIC_CHALLENGE;
  return err;
}
