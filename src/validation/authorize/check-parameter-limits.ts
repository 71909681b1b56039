/**
 * `check-parameter-limits`: before any semantic check, reject repeated parameters and values over
 * their length limit (STYLE rule 13), naming the parameter.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import { AUTHORIZE_PARAMETER_LIMITS, REPEATABLE_PARAMETERS } from './parameter-limits.js';
import type { AuthorizeDraft } from './types.js';

/** Reject repeated and over-long parameters. */
// RFC 6749 §3.1: "Request and response parameters MUST NOT be included more than once."
export function checkParameterLimits(d: AuthorizeDraft): void {
  for (const [name, max] of Object.entries(AUTHORIZE_PARAMETER_LIMITS)) {
    if (!d.params.has(name)) continue;
    if (REPEATABLE_PARAMETERS.has(name)) d.params.getAll(name, max);
    else d.params.get(name, max);
  }
  if (d.params.getAll('resource').length > 10) throw new InvalidRequest('"resource" may be given at most 10 times');
}
