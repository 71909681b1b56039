/**
 * Sigil's data protection (ASP.NET Core Data Protection): a ring of AES-256-GCM keys in a
 * `ProtectionKeyStore`, wrapped with a master key, rotated ahead of expiry under a lock. Each
 * purpose gets an HKDF-SHA256 subkey of the ring key, and the application name and purpose are
 * bound as GCM AAD, so neither another purpose nor another application can read the data.
 * Output: `v1.<keyId>.<base64url(iv | ciphertext | tag)>`.
 */
import { randomBytes } from 'node:crypto';
import type { LockProvider, ProtectionKeyStore } from '../stores/types.js';
import type { CryptoLogger } from './crypto-logger.js';
import { DataProtectionError } from './data-protection-error.js';
import { createProtector, type ProtectorContext } from './data-protector.js';
import { randomId } from './handles.js';
import { nextKeyActivation, type RingKey, readRingKey, selectDefaultKey, wrapKey } from './protection-key-ring.js';
import type { DataProtectionProvider } from './types.js';

/** Default key lifetime: 90 days, in seconds. */
export const DEFAULT_KEY_LIFETIME = 90 * 86_400;

/** Options of {@link createDataProtection}. */
export interface DataProtectionOptions {
  store: ProtectionKeyStore;
  locks: LockProvider;
  /** Isolates applications sharing a store; see `defaultApplicationName`. */
  applicationName: string;
  /** 32-byte master key; see `resolveMasterKey`. */
  masterKey: Buffer;
  /** Key lifetime in seconds (default {@link DEFAULT_KEY_LIFETIME}). */
  keyLifetime?: number;
  /** Current time, epoch seconds. */
  now?: () => number;
  logger?: CryptoLogger;
}

/** A data-protection provider whose key ring can be reloaded. */
export interface DataProtection extends DataProtectionProvider {
  /**
   * Reload the ring from the store (another instance may have rotated) and create the next key
   * under the lock when the default key expires soon. Returns true when the ring changed. Call it
   * periodically, more often than every 2 days.
   */
  refresh(): Promise<boolean>;
  /** The ring, for diagnostics (`sigil keys list`); never the key material. */
  keys(): Array<{
    id: string;
    createdAt: number;
    activatesAt: number;
    expiresAt: number;
    readable: boolean;
    isDefault: boolean;
  }>;
}

const LOCK_TTL = 30;
const LOCK_WAIT_MS = 10_000;

/**
 * Load the key ring for `applicationName` (creating the first key when there is none) and return
 * the provider. `protect`/`unprotect` are synchronous; `refresh()` keeps the ring current.
 *
 * @example
 * ```ts
 * const { key } = await resolveMasterKey(options.dataProtection, process.env, options.dataDir);
 * const dp = await createDataProtection({ store, locks, applicationName, masterKey: key });
 * const ticket = dp.createProtector('session').protect(JSON.stringify(session));
 * ```
 */
export async function createDataProtection(options: DataProtectionOptions): Promise<DataProtection> {
  const { store, locks, applicationName: app, masterKey } = options;
  if (masterKey.length !== 32) throw new DataProtectionError('invalid-master-key', 'the master key must be 32 bytes');
  if (!app) throw new DataProtectionError('invalid-master-key', 'the application name must not be empty');
  const lifetime = options.keyLifetime ?? DEFAULT_KEY_LIFETIME;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  let ring = new Map<string, RingKey>();
  let current: RingKey | undefined;
  let currentUntil = 0;
  let _background: Promise<unknown> | undefined;

  function load(stored: Awaited<ReturnType<ProtectionKeyStore['list']>>): boolean {
    const next = new Map<string, RingKey>();
    for (const s of stored) {
      // Keys of another application are never used, whatever the store returns.
      if (s.applicationName !== app) continue;
      const known = ring.get(s.id);
      const key = known?.material ? known : readRingKey(masterKey, app, s);
      if (key.unreadable && !known) {
        options.logger?.error(
          { keyId: s.id, applicationName: app, reason: key.unreadable },
          `data-protection key ${s.id} of application "${app}" cannot be unwrapped with this master key; ` +
            'data protected with it cannot be read. Use the same master key on every instance.',
        );
      }
      next.set(s.id, key);
    }
    const changed = next.size !== ring.size || [...next.keys()].some((id) => !ring.has(id));
    ring = next;
    currentUntil = 0;
    return changed;
  }

  async function createKey(activatesAt: number): Promise<void> {
    const t = now();
    const id = randomId(16);
    const material = randomBytes(32);
    const stored = {
      id,
      applicationName: app,
      createdAt: t,
      activatesAt,
      expiresAt: activatesAt + lifetime,
      data: wrapKey(masterKey, app, id, material),
    };
    if (!(await store.add(stored))) throw new Error(`data-protection key id collision: ${id}`);
    ring.set(id, { ...stored, material });
    currentUntil = 0;
    options.logger?.info({ keyId: id, applicationName: app, activatesAt }, 'created data-protection key');
  }

  async function refresh(): Promise<boolean> {
    let changed = load(await store.list(app));
    if (nextKeyActivation([...ring.values()], now(), lifetime) === undefined) return changed;
    const done = await locks.withLock(
      `data-protection:${app}`,
      LOCK_TTL,
      async () => {
        // Another instance may have created the key while we waited for the lock.
        changed = load(await store.list(app)) || changed;
        const activation = nextKeyActivation([...ring.values()], now(), lifetime);
        if (activation !== undefined) {
          await createKey(activation);
          changed = true;
        }
        return true;
      },
      LOCK_WAIT_MS,
    );
    if (!done) changed = load(await store.list(app)) || changed;
    return changed;
  }

  function refreshInBackground(): void {
    _background ??= refresh()
      .catch((e) => options.logger?.error({ err: e, applicationName: app }, 'data-protection key ring refresh failed'))
      .finally(() => {
        _background = undefined;
      });
  }

  function defaultKey(): RingKey {
    const t = now();
    if (current === undefined || t >= currentUntil) {
      current = selectDefaultKey(ring.values(), t);
      if (!current)
        throw new DataProtectionError('key-not-found', `no usable data-protection key for application "${app}"`, {
          applicationName: app,
        });
      currentUntil = current.expiresAt > t ? Math.min(current.expiresAt, nextActivation(t)) : t + 60;
      if (current.expiresAt <= t) refreshInBackground();
    }
    return current;
  }

  function nextActivation(t: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const k of ring.values()) if (k.material && k.activatesAt > t && k.activatesAt < next) next = k.activatesAt;
    return next;
  }

  await refresh();
  if (!selectDefaultKey(ring.values(), now())) {
    throw new DataProtectionError(
      'key-not-found',
      `could not create a data-protection key for application "${app}" (lock busy?)`,
      {
        applicationName: app,
      },
    );
  }

  const ctx: ProtectorContext = { app, ring: () => ring, defaultKey, onMissingKey: refreshInBackground };
  return {
    applicationName: app,
    createProtector: (purpose) => createProtector(ctx, purpose),
    refresh,
    keys: () => {
      const d = selectDefaultKey(ring.values(), now());
      return [...ring.values()].map((k) => ({
        id: k.id,
        createdAt: k.createdAt,
        activatesAt: k.activatesAt,
        expiresAt: k.expiresAt,
        readable: k.material !== undefined,
        isDefault: k === d,
      }));
    },
  };
}
