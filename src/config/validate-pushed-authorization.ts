/**
 * Checks of the `pushedAuthorization` options (Duende `PushedAuthorizationOptions`, RFC 9126).
 */
import { ItemChecker } from './configuration-error.js';
import { PUSHED_AUTHORIZATION_DEFAULTS } from './defaults.js';
import type { ResolvedPushedAuthorization } from './resolved.js';

/** Validate `pushedAuthorization`, recording errors with the field named; returns the defaults on errors. */
export function validatePushedAuthorization(raw: unknown, errors: string[]): ResolvedPushedAuthorization {
  const d = PUSHED_AUTHORIZATION_DEFAULTS;
  if (raw === undefined || raw === null) return { required: d.required, lifetime: d.lifetime };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push('pushedAuthorization: must be an object');
    return { required: d.required, lifetime: d.lifetime };
  }
  const o = raw as Record<string, unknown>;
  const c = new ItemChecker('pushedAuthorization', errors);
  // RFC 9126 §2.4 lets a server accept unregistered redirect URIs from authenticated clients; Sigil does not.
  if (c.bool(o, 'allowUnregisteredPushedRedirectUris', d.allowUnregisteredPushedRedirectUris))
    c.fail('allowUnregisteredPushedRedirectUris', 'must be false: pushed redirect URIs must be registered');
  return {
    required: c.bool(o, 'required', d.required),
    lifetime: c.seconds(o, 'lifetime', d.lifetime),
  };
}
