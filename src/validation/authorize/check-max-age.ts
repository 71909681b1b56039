/**
 * `check-max-age`: the allowable elapsed time in seconds since the user last authenticated.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import type { AuthorizeDraft } from './types.js';

/** Read `max_age`. */
// OpenID Connect Core §3.1.2.1
export function checkMaxAge(d: AuthorizeDraft): void {
  const raw = d.params.get('max_age', 100);
  if (raw === undefined) return;
  if (!/^[0-9]{1,10}$/.test(raw)) throw new InvalidRequest('"max_age" must be a non-negative integer');
  d.maxAge = Number(raw);
}
