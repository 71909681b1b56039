/**
 * A client's `allowedGrantTypes` (Duende `Client.ValidateGrantTypes`; RFC 9700 §2.4 for
 * `password`): one message per problem.
 */
import type { ItemChecker } from './configuration-error.js';
import { KNOWN_GRANT_TYPES } from './defaults.js';

// Duende refuses these pairs: each would let one client mix front-channel token delivery with the code flow.
const EXCLUSIVE: readonly [string, string][] = [
  ['implicit', 'authorization_code'],
  ['implicit', 'hybrid'],
  ['authorization_code', 'hybrid'],
];

/**
 * Reads and checks `allowedGrantTypes`: a non-empty array of distinct, known grant types
 * without spaces, never `password`, and no exclusive pair. Returns the grant types given.
 */
export function readGrantTypes(
  c: ItemChecker,
  o: Record<string, unknown>,
  extraGrantTypes: ReadonlySet<string>,
): Set<string> {
  const before = c.errors.length;
  const grants = c.strings(o, 'allowedGrantTypes');
  // A value of the wrong type has been reported already; "empty" would say it twice.
  if (grants.length === 0 && c.errors.length === before) c.fail('allowedGrantTypes', 'must not be empty');
  const set = new Set(grants);
  if (set.size !== grants.length) c.fail('allowedGrantTypes', 'must not contain duplicates');
  for (const g of set) {
    if (/\s/.test(g)) c.fail('allowedGrantTypes', `"${g}" must not contain spaces`);
    else if (g === 'password') c.fail('allowedGrantTypes', '"password" is not supported (RFC 9700 §2.4)');
    else if (!KNOWN_GRANT_TYPES.has(g) && !extraGrantTypes.has(g))
      c.fail('allowedGrantTypes', `"${g}" is not a known grant type`);
  }
  for (const [a, b] of EXCLUSIVE) {
    if (set.has(a) && set.has(b)) c.fail('allowedGrantTypes', `must not combine "${a}" and "${b}"`);
  }
  return set;
}
