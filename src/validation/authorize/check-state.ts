/**
 * `check-state`: `state` is opaque and echoed in every response to the client.
 */
import { LIMITS } from '../../host/form.js';
import type { AuthorizeDraft } from './types.js';

/** Keep `state` (length-limited). */
// RFC 6749 §4.1.1, §4.1.2
export function checkState(d: AuthorizeDraft): void {
  d.state = d.params.get('state', LIMITS.state);
}
