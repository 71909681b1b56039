/**
 * Turns an item given to the admin API into what is stored: a JSON copy with every plain secret
 * replaced by its `sha256:<base64>` digest, so a plain secret never reaches the database.
 */
import { ConfigurationError } from '../config/configuration-error.js';
import { formatHashedSecret } from '../crypto/secrets.js';
import type { ConfigurationKind } from '../stores/types.js';
import { itemId, KINDS } from './item-kinds.js';

/** Longest stored name (the `name` column is `varchar(200)`). */
export const MAX_ITEM_NAME = 200;

const HASHED = /^sha256:/i;
const SECRET_FIELD: Partial<Record<ConfigurationKind, string>> = { client: 'clientSecrets', apiResource: 'apiSecrets' };

/** An item ready to store, and the name it is stored under. */
export interface PreparedItem {
  readonly name: string;
  readonly value: unknown;
}

/**
 * Copy `input` for storage and hash its plain secrets. Throws {@link ConfigurationError} when the
 * item has no id, or asks for `client_secret_jwt`, whose secret is the HMAC key and so would have
 * to be stored in plain text.
 *
 * @example
 * ```ts
 * prepareItem('client', { clientId: 'svc', clientSecrets: [{ value: 's3cret' }], allowedGrantTypes: ['client_credentials'] });
 * // { name: 'svc', value: { clientId: 'svc', clientSecrets: [{ value: 'sha256:…' }], … } }
 * ```
 */
export function prepareItem(kind: ConfigurationKind, input: unknown): PreparedItem {
  const { label, idField } = KINDS[kind];
  const bare = typeof input === 'string' && (kind === 'apiScope' || kind === 'identityResource');
  if (!bare && (typeof input !== 'object' || input === null || Array.isArray(input)))
    throw new ConfigurationError(`${label}: must be an object`);
  const name = itemId(kind, input);
  if (name === undefined) throw new ConfigurationError(`${label}: ${idField} is required`);
  if (name.length > MAX_ITEM_NAME)
    throw new ConfigurationError(
      `${label} "${name.slice(0, 40)}…": ${idField} must be at most ${MAX_ITEM_NAME} characters`,
    );
  const method = (input as { tokenEndpointAuthMethod?: unknown }).tokenEndpointAuthMethod;
  if (kind === 'client' && typeof method === 'string' && method.toLowerCase() === 'client_secret_jwt') {
    throw new ConfigurationError(
      `client "${name}": tokenEndpointAuthMethod "client_secret_jwt" cannot be stored in the database, because its secret is the HMAC key and would be kept in plain text; use private_key_jwt, or define this client in the configuration file`,
    );
  }
  // An API scope given as a bare name is stored in the object form every other item uses.
  const value = kind === 'apiScope' && bare ? { name } : (JSON.parse(JSON.stringify(input)) as unknown);
  return { name, value: withHashedSecrets(kind, value) };
}

/**
 * `value` with each plain secret of its `clientSecrets` / `apiSecrets` replaced by the
 * `sha256:` form. Values already in that form, and entries that are not secrets at all (left for
 * the validator to report), are kept as they are. The input is not changed.
 *
 * @example
 * ```ts
 * withHashedSecrets('apiResource', { name: 'orders', scopes: [], apiSecrets: ['s'] });
 * // { name: 'orders', scopes: [], apiSecrets: [{ value: 'sha256:…' }] }
 * ```
 */
export function withHashedSecrets(kind: ConfigurationKind, value: unknown): unknown {
  const field = SECRET_FIELD[kind];
  if (!field || typeof value !== 'object' || value === null) return value;
  const secrets = (value as Record<string, unknown>)[field];
  if (!Array.isArray(secrets)) return value;
  return { ...value, [field]: secrets.map(hashOne) };
}

function hashOne(secret: unknown): unknown {
  if (typeof secret === 'string')
    return HASHED.test(secret) ? { value: secret } : { value: formatHashedSecret(secret) };
  if (typeof secret !== 'object' || secret === null) return secret;
  const v = (secret as { value?: unknown }).value;
  if (typeof v !== 'string' || v.length === 0 || HASHED.test(v)) return secret;
  return { ...secret, value: formatHashedSecret(v) };
}
