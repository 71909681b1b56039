/**
 * The in-memory side of the key manager: the loaded keys, the plan, and the snapshot the hot
 * path reads. Time-driven changes (a key activating or expiring) are applied lazily by the next
 * read, so the signing key switches at the same instant on every instance, refreshed or not.
 */
import type { ResolvedKeyManagement } from '../config/resolved.js';
import { ServerError } from '../errors/oauth-error.js';
import type { LockProvider, SigningKeyStore } from '../stores/types.js';
import type { CryptoLogger } from './crypto-logger.js';
import { buildKeyList, type KeyInfo } from './key-list.js';
import { KeyManagementError } from './key-management-error.js';
import { planKeyRotation, type RotationPlan } from './key-rotation-plan.js';
import { buildKeySet, type KeySet } from './key-set.js';
import { createKeyStoreSync } from './key-store-sync.js';
import { loadStaticKeys } from './load-static-key.js';
import type { DataProtector, SigningKey } from './types.js';

/** What {@link createKeyState} needs; see `KeyManagerOptions`. */
export interface KeyStateOptions {
  config: ResolvedKeyManagement;
  store: SigningKeyStore;
  locks: LockProvider;
  protector: DataProtector;
  now?: () => number;
  logger?: CryptoLogger;
  refreshInterval: number;
  lockWaitMs?: number;
  lockName: string;
}

/** The key manager's state and operations; `createKeyManager` exposes them as `KeyManager`. */
export type KeyState = Awaited<ReturnType<typeof createKeyState>>;

const RETRY_DELAY = 10;

/**
 * Create the state with static keys loaded and nothing read from the store yet; `start()` does
 * that. Internal to the key manager.
 *
 * @example
 * ```ts
 * const state = await createKeyState({ ...options, refreshInterval: 300, lockName: 'signing-keys' });
 * await state.start();
 * ```
 */
export async function createKeyState(o: KeyStateOptions) {
  const { config, logger } = o;
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  const algorithms = config.signingAlgorithms;
  const settings = { ...config, algorithms };
  const interval = Math.max(1, Math.min(o.refreshInterval, Math.floor(config.propagationTime / 4)));
  const statics = await loadStaticKeys(config.staticKeys, now());
  const sync = createKeyStoreSync({ ...o, now, replan: () => recompute() });
  let plan: RotationPlan | undefined;
  let set: KeySet = buildKeySet(statics, new Map(), undefined, algorithms);
  let version = 1;
  let staleAt = Number.POSITIVE_INFINITY;
  let queue: Promise<unknown> = Promise.resolve();

  function recompute(t = now()): RotationPlan | undefined {
    const auto = sync.automatic();
    plan = config.enabled
      ? planKeyRotation(
          [...auto.values()].map((k) => ({ id: k.kid, alg: k.alg, createdAt: k.createdAt })),
          settings,
          t,
        )
      : undefined;
    staleAt = plan?.nextTransition ?? Number.POSITIVE_INFINITY;
    const next = buildKeySet(statics, auto, plan, algorithms);
    if (next.fingerprint !== set.fingerprint) {
      set = next;
      version++;
    }
    return plan;
  }

  function snapshot(): KeySet {
    const t = now();
    if (t >= staleAt) recompute(t);
    return set;
  }

  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  }

  function noKeyError(cause?: unknown): KeyManagementError {
    const bad = sync.unreadable();
    const parts = ['no usable signing key.'];
    if (bad.length)
      parts.push(
        `${bad.length} stored key(s) cannot be decrypted by this instance (${bad.map((k) => `${k.id} ${k.alg}`).join(', ')}): ` +
          'every instance must use the same data-protection master key and applicationName.',
      );
    if (!config.enabled) parts.push('Key management is disabled and no static key can sign.');
    else
      parts.push(
        `Keys could not be loaded or created: ${sync.lastFailure() ?? (cause as Error | undefined)?.message ?? 'unknown cause'}.`,
      );
    parts.push('Fix the above, or configure keyManagement.staticKeys.');
    return new KeyManagementError('no-signing-key', parts.join(' '), { cause });
  }

  return {
    snapshot,
    version(): number {
      snapshot();
      return version;
    },

    getSigningKey(allowed?: readonly string[]): SigningKey {
      const s = snapshot();
      if (allowed === undefined || allowed.length === 0) {
        if (s.defaultKey) return s.defaultKey;
      } else {
        for (let i = 0; i < allowed.length; i++) {
          const key = s.signing.get(allowed[i]!);
          if (key) return key;
        }
      }
      throw new ServerError('the server has no key to sign this token', {
        detail: `no signing key for ${allowed?.length ? allowed.join(', ') : 'the default algorithm'}; keys exist for ${s.algorithms.join(', ') || 'no algorithm'}`,
      });
    },

    async start(): Promise<void> {
      if (config.enabled) {
        try {
          await this.refresh();
        } catch (e) {
          if (!set.defaultKey) throw noKeyError(e);
          logger?.error({ err: e }, 'signing-key refresh failed at start-up; continuing with the keys loaded');
        }
      }
      if (!set.defaultKey) throw noKeyError();
      const missing = algorithms.filter((a) => config.enabled && !set.signing.has(a));
      if (missing.length) logger?.warn({ algorithms: missing }, `no signing key yet for ${missing.join(', ')}`);
      logger?.info({ signing: [...set.signing].map(([alg, k]) => ({ alg, kid: k.kid })) }, 'signing keys loaded');
    },

    refresh(): Promise<boolean> {
      if (!config.enabled) return Promise.resolve(false);
      return serial(async () => {
        const before = version;
        await sync.refresh();
        snapshot();
        return version !== before;
      });
    },

    rotate(immediate: boolean): Promise<KeyInfo[]> {
      if (!config.enabled)
        return Promise.reject(
          new KeyManagementError('disabled', 'automatic key management is disabled (keyManagement.enabled is false)'),
        );
      return serial(async () => {
        const created = await sync.rotate(immediate);
        const kids = new Set(created.map((k) => k.kid));
        return this.list().filter((k) => kids.has(k.kid));
      });
    },

    list(): KeyInfo[] {
      const s = snapshot();
      return buildKeyList(statics, plan, s, sync.unreadable(), sync.ignored());
    },

    nextRefreshDelay(): number {
      snapshot();
      if (!plan) return interval;
      if (plan.due.length > 0) return RETRY_DELAY;
      const t = now();
      const d = Math.min(interval, plan.nextDue - t, plan.nextTransition - t);
      return Math.max(1, Math.ceil(d));
    },
  };
}
