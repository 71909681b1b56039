/**
 * Decrypts the automatic keys listed by the `SigningKeyStore`, once per key, and sets aside the
 * keys this instance cannot read instead of failing: one unreadable key (another master key or
 * application name, a corrupt row) must not take the whole server down.
 */
import type { SerializedSigningKey } from '../stores/types.js';
import type { CryptoLogger } from './crypto-logger.js';
import { DataProtectionError } from './data-protection-error.js';
import { deserializeSigningKey } from './generate-key.js';
import type { KeyMeta } from './key-rotation-plan.js';
import type { DataProtector, SigningKey } from './types.js';

/** A stored key that could not be read, and why. */
export interface UnreadableKey extends KeyMeta {
  readonly reason: string;
}

/** The outcome of one read of the store. */
export interface StoredKeys {
  readonly readable: readonly SigningKey[];
  readonly unreadable: readonly UnreadableKey[];
}

/** Reads stored keys, caching each decrypted key by kid and stored data. */
export interface StoredKeyReader {
  read(stored: readonly SerializedSigningKey[]): StoredKeys;
}

const CONSEQUENCE =
  'Tokens signed with it cannot be validated by this instance. If it belongs to another deployment sharing this ' +
  'store, ignore this message.';
const FIX =
  'Every instance must use the same data-protection master key and applicationName (dataProtection in the ' +
  'configuration).';

/**
 * A reader that unprotects with `protector`. Each unreadable key is logged once at error level
 * with its kid and the likely fix, and retried on every read (the data-protection key ring may
 * catch up). Keys stored in clear are accepted with a one-time warning.
 *
 * @example
 * ```ts
 * const reader = createStoredKeyReader(dp.createProtector('signing-keys'), logger);
 * const { readable, unreadable } = reader.read(await store.list());
 * ```
 */
export function createStoredKeyReader(protector: DataProtector, logger?: CryptoLogger): StoredKeyReader {
  const cache = new Map<string, { data: string; key: SigningKey }>();
  const reported = new Set<string>();
  return {
    read(stored) {
      const readable: SigningKey[] = [];
      const unreadable: UnreadableKey[] = [];
      const seen = new Set<string>();
      for (const s of stored) {
        seen.add(s.id);
        const hit = cache.get(s.id);
        if (hit && hit.data === s.data) {
          readable.push(hit.key);
          continue;
        }
        try {
          const key = deserializeSigningKey(s, protector);
          cache.set(s.id, { data: s.data, key });
          readable.push(key);
          if (!s.dataProtected && !reported.has(s.id)) {
            reported.add(s.id);
            logger?.warn({ kid: s.id, alg: s.alg }, `signing key ${s.id} is stored in clear (not data-protected)`);
          }
        } catch (e) {
          const reason = (e as Error).message;
          unreadable.push({ id: s.id, alg: s.alg, createdAt: s.createdAt, reason });
          if (!reported.has(s.id)) {
            reported.add(s.id);
            const code = e instanceof DataProtectionError ? e.code : (e as { code?: string }).code;
            logger?.error(
              { kid: s.id, alg: s.alg, code, keyId: e instanceof DataProtectionError ? e.keyId : undefined },
              `signing key ${s.id} (${s.alg}) cannot be read and is skipped: ${reason} ${e instanceof DataProtectionError ? '' : `${FIX} `}${CONSEQUENCE}`,
            );
          }
        }
      }
      for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);
      return { readable, unreadable };
    },
  };
}
