/**
 * The store side of the key manager: load and decrypt the stored keys, create due keys under the
 * shared lock (re-reading the store inside it, so racing instances create one key per algorithm),
 * and delete keys past retention.
 */
import type { ResolvedKeyManagement } from '../config/resolved.js';
import type { LockProvider, SigningKeyStore } from '../stores/types.js';
import type { CryptoLogger } from './crypto-logger.js';
import { generateSigningKey, serializeSigningKey } from './generate-key.js';
import { KeyManagementError } from './key-management-error.js';
import type { KeyMeta, RotationPlan } from './key-rotation-plan.js';
import { createStoredKeyReader, type UnreadableKey } from './stored-key-reader.js';
import type { DataProtector, SigningKey } from './types.js';

/** What {@link createKeyStoreSync} needs. */
export interface KeyStoreSyncOptions {
  config: ResolvedKeyManagement;
  store: SigningKeyStore;
  locks: LockProvider;
  protector: DataProtector;
  now: () => number;
  logger?: CryptoLogger;
  lockName: string;
  lockWaitMs?: number;
  /** Recompute the plan from {@link KeyStoreSync.automatic} at the current time. */
  replan: () => RotationPlan | undefined;
}

/** The loaded automatic keys and the operations that change the store. */
export interface KeyStoreSync {
  /** Readable keys of configured algorithms, by kid. */
  automatic(): ReadonlyMap<string, SigningKey>;
  unreadable(): readonly UnreadableKey[];
  /** Readable keys of algorithms no longer configured; neither published nor deleted. */
  ignored(): readonly KeyMeta[];
  /** Why the last attempt to create keys failed, if it did. */
  lastFailure(): string | undefined;
  /** Load, create due keys under the lock, delete expired keys. */
  refresh(): Promise<void>;
  /** Create one key per algorithm now; with `immediate`, delete the previous ones. */
  rotate(immediate: boolean): Promise<SigningKey[]>;
}

const LOCK_TTL = 120;

/**
 * Create the store side of a key manager. Internal to the key manager.
 *
 * @example
 * ```ts
 * const sync = createKeyStoreSync({ config, store, locks, protector, now, lockName: 'signing-keys', replan });
 * await sync.refresh();
 * ```
 */
export function createKeyStoreSync(o: KeyStoreSyncOptions): KeyStoreSync {
  const { config, store, logger } = o;
  const reader = createStoredKeyReader(o.protector, logger);
  const waitMs = o.lockWaitMs ?? 30_000;
  let automatic = new Map<string, SigningKey>();
  let unreadable: readonly UnreadableKey[] = [];
  let ignored: KeyMeta[] = [];
  let failure: string | undefined;

  async function load(): Promise<RotationPlan | undefined> {
    const read = reader.read(await store.list());
    const next = new Map<string, SigningKey>();
    ignored = [];
    for (const k of read.readable) {
      if (config.signingAlgorithms.includes(k.alg)) next.set(k.kid, k);
      else ignored.push({ id: k.kid, alg: k.alg, createdAt: k.createdAt });
    }
    automatic = next;
    unreadable = read.unreadable;
    return o.replan();
  }

  async function create(alg: string, createdAt: number): Promise<SigningKey> {
    const key = await generateSigningKey(alg, { rsaKeySize: config.rsaKeySize, createdAt });
    if (!(await store.add(serializeSigningKey(key, o.protector)))) {
      throw new KeyManagementError('store-conflict', `the store already holds a signing key with kid ${key.kid}`);
    }
    automatic.set(key.kid, key);
    logger?.info({ kid: key.kid, alg, createdAt }, `created signing key ${key.kid} (${alg})`);
    return key;
  }

  function locked<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    return o.locks.withLock(o.lockName, LOCK_TTL, fn, waitMs).then((r) => {
      if (r === undefined) {
        failure = `the "${o.lockName}" lock was not acquired within ${waitMs} ms (another instance holds it)`;
        logger?.warn({ lock: o.lockName }, `could not ${what}: ${failure}`);
      }
      return r;
    });
  }

  async function prune(plan: RotationPlan | undefined): Promise<void> {
    if (!plan || !config.deleteRetiredKeys) return;
    const expired = plan.keys.filter((k) => k.status === 'expired');
    for (const k of expired) {
      if (await store.remove(k.id)) logger?.info({ kid: k.id, alg: k.alg }, `deleted retired signing key ${k.id}`);
      automatic.delete(k.id);
    }
    if (expired.length) o.replan();
  }

  return {
    automatic: () => automatic,
    unreadable: () => unreadable,
    ignored: () => ignored,
    lastFailure: () => failure,

    async refresh() {
      let plan = await load();
      if (plan?.due.length) {
        const done = await locked('create signing keys', async () => {
          // Another instance may have created the keys while this one waited for the lock.
          const fresh = await load();
          const createdAt = o.now();
          for (const alg of fresh?.due ?? []) await create(alg, createdAt);
          failure = undefined;
          return o.replan();
        });
        plan = done ?? (await load());
      }
      await prune(plan);
    },

    async rotate(immediate) {
      const created = await locked('rotate signing keys', async () => {
        await load();
        const previous = [...automatic.values()];
        const createdAt = o.now();
        const keys: SigningKey[] = [];
        for (const alg of config.signingAlgorithms) keys.push(await create(alg, createdAt));
        if (immediate) {
          for (const k of previous) {
            await store.remove(k.kid);
            automatic.delete(k.kid);
            logger?.warn({ kid: k.kid, alg: k.alg }, `emergency rotation deleted signing key ${k.kid}`);
          }
        }
        o.replan();
        return keys;
      });
      if (!created) throw new KeyManagementError('lock-timeout', `cannot rotate signing keys: ${failure}`);
      return created;
    },
  };
}
