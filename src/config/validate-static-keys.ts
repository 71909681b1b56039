/**
 * Checks `keyManagement.staticKeys` entries (Duende `AddSigningCredential` and `AddValidationKey`):
 * each names exactly one of a key file or an inline JWK, and its optional fields have the right
 * types. Whether the key itself can be read is checked when the key manager loads it.
 */
import type { ItemChecker } from './configuration-error.js';
import { SUPPORTED_SIGNING_ALGORITHMS } from './defaults.js';
import type { ResolvedKeyManagement } from './resolved.js';

type StaticKey = ResolvedKeyManagement['staticKeys'][number];

/** Validate the static key entries, recording problems on `kc` (the `keyManagement` checker). */
export function validateStaticKeys(raw: unknown, kc: ItemChecker): StaticKey[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    kc.fail('staticKeys', 'must be an array');
    return [];
  }
  return raw.flatMap((entry, i) => {
    const field = `staticKeys[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      kc.fail(field, 'must be an object with "path" or "jwk"');
      return [];
    }
    const e = entry as Record<string, unknown>;
    const before = kc.errors.length;
    if ((e.path === undefined) === (e.jwk === undefined)) kc.fail(field, 'needs exactly one of "path" and "jwk"');
    if (e.path !== undefined && (typeof e.path !== 'string' || e.path.length === 0))
      kc.fail(`${field}.path`, 'must be a non-empty string');
    if (e.jwk !== undefined && (typeof e.jwk !== 'object' || e.jwk === null || Array.isArray(e.jwk)))
      kc.fail(`${field}.jwk`, 'must be a JWK object');
    if (e.alg !== undefined && (typeof e.alg !== 'string' || !SUPPORTED_SIGNING_ALGORITHMS.includes(e.alg)))
      kc.fail(`${field}.alg`, `must be one of ${SUPPORTED_SIGNING_ALGORITHMS.join(', ')}`);
    if (e.kid !== undefined && (typeof e.kid !== 'string' || e.kid.length === 0))
      kc.fail(`${field}.kid`, 'must be a non-empty string');
    if (e.validationOnly !== undefined && typeof e.validationOnly !== 'boolean')
      kc.fail(`${field}.validationOnly`, 'must be true or false');
    return kc.errors.length === before ? [e as StaticKey] : [];
  });
}
