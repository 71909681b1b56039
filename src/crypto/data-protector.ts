/**
 * One purpose's protector (ASP.NET `IDataProtector`): AES-256-GCM under a per-purpose subkey of
 * the ring key. Output: `v1.<keyId>.<base64url(iv | ciphertext | tag)>`.
 */
import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import { DataProtectionError } from './data-protection-error.js';
import { randomBuffer } from './handles.js';
import type { RingKey } from './protection-key-ring.js';
import type { DataProtector } from './types.js';

const VERSION = 'v1';
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** What a protector needs from its provider: the live ring and the default key. */
export interface ProtectorContext {
  app: string;
  ring(): ReadonlyMap<string, RingKey>;
  defaultKey(): RingKey;
  onMissingKey(): void;
}

/**
 * A protector for one purpose. Its subkey per ring key is HKDF-SHA256(ring key, info =
 * `sigil-dp:v1 | applicationName | purpose`), and the GCM AAD binds the version, key id,
 * application name and purpose.
 */
export function createProtector(ctx: ProtectorContext, purpose: string): DataProtector {
  if (typeof purpose !== 'string' || purpose.length === 0)
    throw new TypeError('a data-protection purpose must be a non-empty string');
  const { app } = ctx;
  const info = Buffer.from(`sigil-dp:v1\u0000${app}\u0000${purpose}`, 'utf8');
  const subkeys = new Map<string, KeyObject>();
  const subkey = (k: RingKey): KeyObject => {
    let sk = subkeys.get(k.id);
    if (!sk) {
      sk = createSecretKey(Buffer.from(hkdfSync('sha256', k.material!, Buffer.alloc(0), info, 32)));
      subkeys.set(k.id, sk);
    }
    return sk;
  };
  const aad = (keyId: string) => Buffer.from(`${VERSION}.${keyId}\u0000${app}\u0000${purpose}`, 'utf8');
  const fail = (
    code: 'malformed' | 'key-not-found' | 'key-unreadable' | 'decrypt-failed',
    what: string,
    keyId?: string,
    cause?: unknown,
  ) => DataProtectionError.withFix(code, what, { keyId, applicationName: app, cause });

  return {
    purpose,
    protect(plaintext: string): string {
      const key = ctx.defaultKey();
      const iv = randomBuffer(12);
      const cipher = createCipheriv('aes-256-gcm', subkey(key), iv).setAAD(aad(key.id));
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}.${key.id}.${Buffer.concat([iv, ct, cipher.getAuthTag()]).toString('base64url')}`;
    },
    unprotect(protectedText: string): string {
      const first = typeof protectedText === 'string' ? protectedText.indexOf('.') : -1;
      const second = first < 0 ? -1 : protectedText.indexOf('.', first + 1);
      if (second < 0 || protectedText.slice(0, first) !== VERSION) {
        throw fail('malformed', `the protected data of application "${app}" is not in the v1.<keyId>.<data> format.`);
      }
      const keyId = protectedText.slice(first + 1, second);
      const body = protectedText.slice(second + 1);
      if (!KEY_ID.test(keyId) || !/^[A-Za-z0-9_-]+$/.test(body)) {
        throw fail('malformed', `the protected data of application "${app}" is not in the v1.<keyId>.<data> format.`);
      }
      const key = ctx.ring().get(keyId);
      if (!key) {
        ctx.onMissingKey();
        throw fail(
          'key-not-found',
          `data-protection key ${keyId} was not found in the key ring of application "${app}" (it may belong to another application or instance configuration).`,
          keyId,
        );
      }
      if (!key.material) {
        throw fail(
          'key-unreadable',
          `data-protection key ${keyId} of application "${app}" cannot be unwrapped with this instance's master key.`,
          keyId,
        );
      }
      const raw = Buffer.from(body, 'base64url');
      if (raw.length < 12 + 16)
        throw fail('malformed', `the protected data of application "${app}" (key ${keyId}) is truncated.`, keyId);
      try {
        const decipher = createDecipheriv('aes-256-gcm', subkey(key), raw.subarray(0, 12)).setAAD(aad(keyId));
        decipher.setAuthTag(raw.subarray(raw.length - 16));
        return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw fail(
          'decrypt-failed',
          `cannot decrypt data protected with key ${keyId} for application "${app}", purpose "${purpose}": it was altered, or protected for another purpose or application.`,
          keyId,
          cause,
        );
      }
    },
  };
}
