/**
 * Secrets in configuration: plain (hashed with SHA-256 at load, with a warning) or pre-hashed as
 * `sha256:<base64>` (printed by `sigil hash-secret`).
 */
import { HASHED_SECRET_PREFIX, parseConfiguredSecret } from '../crypto/secrets.js';
import type { ItemChecker } from './configuration-error.js';
import type { HashedSecret } from './model.js';

// `sigil hash-secret` prints standard base64 with padding: 43 characters and one "=". Node's
// base64 decoder skips characters it does not know, so without this check garbage around a
// digest would still decode to 32 bytes.
const DIGEST_BASE64 = /^[A-Za-z0-9+/]{43}=$/;
const PREFIX = new RegExp(`^${HASHED_SECRET_PREFIX}`, 'i');

/** Parse `clientSecrets` / `apiSecrets`; returns the hashes and, for plain ones, their raw values. */
export function readSecrets(
  check: ItemChecker,
  raw: unknown,
  field: string,
  warnings: string[],
): { hashed: HashedSecret[]; plain: { key: Buffer; expiresAt?: number }[] } {
  const hashed: HashedSecret[] = [];
  const plain: { key: Buffer; expiresAt?: number }[] = [];
  if (raw === undefined || raw === null) return { hashed, plain };
  if (!Array.isArray(raw)) {
    check.fail(field, 'must be an array of {value, description?, expiration?}');
    return { hashed, plain };
  }
  raw.forEach((item, i) => {
    const s = (typeof item === 'string' ? { value: item } : item) as Record<string, unknown>;
    if (typeof s !== 'object' || s === null || typeof s.value !== 'string' || s.value.length === 0) {
      check.fail(`${field}[${i}].value`, 'must be a non-empty string');
      return;
    }
    if (s.type !== undefined && typeof s.type === 'string' && s.type.toLowerCase() !== 'sharedsecret') {
      check.fail(`${field}[${i}].type`, `"${s.type}" is not supported (only SharedSecret)`);
      return;
    }
    let expiresAt: number | undefined;
    if (s.expiration !== undefined) {
      const t = typeof s.expiration === 'number' ? s.expiration : Date.parse(String(s.expiration)) / 1000;
      if (!Number.isFinite(t)) check.fail(`${field}[${i}].expiration`, 'must be an ISO date or epoch seconds');
      else expiresAt = Math.floor(t);
    }
    let value = s.value;
    if (PREFIX.test(value)) {
      const digest = value.slice(HASHED_SECRET_PREFIX.length);
      if (!DIGEST_BASE64.test(digest)) {
        check.fail(
          `${field}[${i}].value`,
          'must be "sha256:" followed by the base64 of a 32-byte SHA-256 digest (44 characters)',
        );
        return;
      }
      value = HASHED_SECRET_PREFIX + digest;
    }
    try {
      const parsed = parseConfiguredSecret(value);
      if (parsed.plain) {
        warnings.push(`${check.label}: ${field}[${i}] is a plain secret; store it hashed ("sigil hash-secret")`);
        plain.push({ key: Buffer.from(s.value, 'utf8'), expiresAt });
      }
      hashed.push({
        hash: parsed.hash,
        description: typeof s.description === 'string' ? s.description : undefined,
        expiresAt,
      });
    } catch (e) {
      check.fail(`${field}[${i}].value`, (e as Error).message);
    }
  });
  return { hashed, plain };
}
