/**
 * `check-login-hint`: a hint to the login page about the identifier the user might use.
 */
import { LIMITS } from '../../host/form.js';
import type { AuthorizeDraft } from './types.js';

/** Keep `login_hint` (length-limited). */
// OpenID Connect Core §3.1.2.1
export function checkLoginHint(d: AuthorizeDraft): void {
  d.loginHint = d.params.get('login_hint', LIMITS.loginHint);
}
