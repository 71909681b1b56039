/**
 * Automatic signing-key management (Duende `KeyManager` and `DefaultKeyMaterialService`): keeps
 * one current key per configured algorithm in the shared `SigningKeyStore`, announces successors
 * `propagationTime` before they sign, keeps retired keys published for `retentionDuration`, and
 * serves static keys from configuration alongside.
 */
import type { ResolvedKeyManagement } from '../config/resolved.js';
import type { LockProvider, SigningKeyStore } from '../stores/types.js';
import type { CryptoLogger } from './crypto-logger.js';
import type { KeyInfo } from './key-list.js';
import { createKeyState } from './key-state.js';
import type { DataProtector, KeyMaterial } from './types.js';

/** The lock under which instances create and delete automatic keys. */
export const SIGNING_KEY_LOCK = 'signing-keys';
/** How often to call `refresh()` by default, in seconds (Duende `KeyCacheDuration`, shortened). */
export const DEFAULT_KEY_REFRESH_INTERVAL = 300;

/** Options of {@link createKeyManager}. */
export interface KeyManagerOptions {
  /** `options.keyManagement`; durations in seconds. */
  config: ResolvedKeyManagement;
  store: SigningKeyStore;
  locks: LockProvider;
  /** Protects private keys at rest; use purpose `signing-keys`. Every instance must read what the others write. */
  protector: DataProtector;
  /** Current time, epoch seconds. */
  now?: () => number;
  logger?: CryptoLogger;
  /** Upper bound of {@link KeyManager.nextRefreshDelay}, seconds (default 300; at most a quarter of `propagationTime`). */
  refreshInterval?: number;
  /** How long to wait for the `signing-keys` lock, milliseconds (default 30 000). */
  lockWaitMs?: number;
}

/** Options of {@link KeyManager.rotate}. */
export interface RotateOptions {
  /**
   * Emergency rotation: delete every automatic key of the configured algorithms from the store
   * and sign with the new keys at once. Tokens signed with the deleted keys stop validating here
   * immediately. Instances that have not refreshed yet keep signing with, and accepting, the old
   * keys until their next `refresh()`, so their tokens fail validation elsewhere meanwhile: call
   * `refresh()` on every instance (or restart them) right after.
   */
  immediate?: boolean;
}

/** {@link KeyMaterial} kept current from a shared store. Creates no timers: the server calls `refresh()`. */
export interface KeyManager extends KeyMaterial {
  /**
   * Reload the store (another instance may have created, rotated or deleted keys), create the
   * keys that are due under the `signing-keys` lock, and delete keys past retention when
   * `deleteRetiredKeys`. Resolves true when the published or signing keys changed. Concurrent
   * calls run one after the other. A no-op when key management is disabled.
   */
  refresh(): Promise<boolean>;
  /**
   * Forced rotation (`sigil keys rotate`): create a new key per configured algorithm now. It is
   * announced at once (in this instance's JWKS, and in the others' after their next refresh) and
   * signs from `propagationTime` later, on every instance, because the current key is a function
   * of the stored keys and the time. The previous key then retires normally. See
   * {@link RotateOptions.immediate} for emergencies. Resolves with the new keys.
   *
   * @throws {KeyManagementError} `disabled`, or `lock-timeout` when another instance holds the lock.
   */
  rotate(options?: RotateOptions): Promise<KeyInfo[]>;
  /** Every static and stored key with its timeline and status (`sigil keys list`). */
  list(): KeyInfo[];
  /**
   * Seconds until `refresh()` should run next: the refresh interval, shortened so that a due key
   * is created and an expired one deleted on time, and 10 s while an algorithm still lacks a key.
   */
  nextRefreshDelay(): number;
}

/**
 * Load static keys, then (when `config.enabled`) load the stored keys and create the first key
 * of each algorithm if the store has none: concurrent instances create exactly one per algorithm,
 * under the lock. The first keys on an empty store sign at once; later keys are announced
 * `propagationTime` ahead. A stored key this instance cannot decrypt is logged and skipped.
 *
 * Static keys take precedence for signing over automatic keys of the same algorithm (Duende
 * `AddSigningCredential`), and with no algorithm asked for, the first static key signs. With
 * `enabled: false` only static keys are used and the store is not touched.
 *
 * @example
 * ```ts
 * const keys = await createKeyManager({
 *   config: options.keyManagement, store: stores.signingKeys, locks: stores.locks,
 *   protector: dataProtection.createProtector('signing-keys'), logger,
 * });
 * const schedule = () => setTimeout(() => keys.refresh().catch(log).finally(schedule), keys.nextRefreshDelay() * 1000).unref();
 * schedule();
 * ```
 * @throws {KeyManagementError} `no-signing-key` naming the unreadable keys and why none could be created.
 * @throws {JwkError} when a static key cannot be loaded.
 */
export async function createKeyManager(options: KeyManagerOptions): Promise<KeyManager> {
  const state = await createKeyState({
    ...options,
    refreshInterval: options.refreshInterval ?? DEFAULT_KEY_REFRESH_INTERVAL,
    lockName: SIGNING_KEY_LOCK,
  });
  await state.start();
  return {
    getSigningKey: (allowed) => state.getSigningKey(allowed),
    getValidationKeys: () => state.snapshot().validation,
    findValidationKey: (kid) => state.snapshot().byKid.get(kid),
    jwksJson: () => state.snapshot().jwksJson,
    signingAlgorithms: () => state.snapshot().algorithms,
    get version() {
      return state.version();
    },
    refresh: () => state.refresh(),
    rotate: (o) => state.rotate(o?.immediate === true),
    list: () => state.list(),
    nextRefreshDelay: () => state.nextRefreshDelay(),
  };
}
