/**
 * The key listing behind `sigil keys list`: every static and stored key with its timeline and
 * status. Never contains key material.
 */
import type { KeyMeta, RotationPlan } from './key-rotation-plan.js';
import type { KeySet } from './key-set.js';
import type { StaticEntry } from './load-static-key.js';
import type { UnreadableKey } from './stored-key-reader.js';

/**
 * Where a key stands:
 * - `current`: the automatic key of its alg that signs now (unless a static key of the alg takes precedence);
 * - `next`: announced in the JWKS, signs from `activatesAt`;
 * - `retired`: replaced, still published until `expiresAt`;
 * - `expired`: past retention, unpublished; deleted on the next refresh when `deleteRetiredKeys`;
 * - `static`: from configuration, always published;
 * - `unreadable`: in the store but cannot be decrypted here (see the logged error);
 * - `ignored`: in the store for an alg that is not in `signingAlgorithms`.
 */
export type KeyStatus = 'current' | 'next' | 'retired' | 'expired' | 'static' | 'unreadable' | 'ignored';

/** One key as listed; times in epoch seconds. */
export interface KeyInfo {
  readonly kid: string;
  readonly alg: string;
  /** When it was created (static keys: when they were loaded). */
  readonly createdAt: number;
  /** When it signs (or signed) from; absent for unreadable and ignored keys. */
  readonly activatesAt?: number;
  /** When its successor takes over; absent while it has none. */
  readonly retiresAt?: number;
  /** When it leaves the JWKS (and the store, with `deleteRetiredKeys`). */
  readonly expiresAt?: number;
  readonly status: KeyStatus;
  /** False when the stored private key cannot be decrypted by this instance. */
  readonly readable: boolean;
  /** True for the key `getSigningKey` returns for this alg. */
  readonly signing: boolean;
  /** True for the key `getSigningKey()` returns with no algorithm. */
  readonly default: boolean;
}

/**
 * List static keys (configuration order), then the planned automatic keys, then unreadable and
 * ignored stored keys.
 *
 * @example
 * ```ts
 * for (const k of buildKeyList(statics, plan, set, unreadable, ignored)) console.log(k.kid, k.status);
 * ```
 */
export function buildKeyList(
  statics: readonly StaticEntry[],
  plan: RotationPlan | undefined,
  set: KeySet,
  unreadable: readonly UnreadableKey[],
  ignored: readonly KeyMeta[],
): KeyInfo[] {
  const flags = (kid: string, alg: string) => ({
    signing: set.signing.get(alg)?.kid === kid,
    default: set.defaultKey?.kid === kid,
  });
  const out: KeyInfo[] = statics.map(({ key }) => ({
    kid: key.kid,
    alg: key.alg,
    createdAt: key.createdAt,
    activatesAt: key.createdAt,
    status: 'static',
    readable: true,
    ...flags(key.kid, key.alg),
  }));
  for (const t of plan?.keys ?? []) {
    const { id, status, ...times } = t;
    out.push({ kid: id, ...times, status, readable: true, ...flags(id, t.alg) });
  }
  for (const u of unreadable) {
    out.push({
      kid: u.id,
      alg: u.alg,
      createdAt: u.createdAt,
      status: 'unreadable',
      readable: false,
      signing: false,
      default: false,
    });
  }
  for (const k of ignored) {
    out.push({
      kid: k.id,
      alg: k.alg,
      createdAt: k.createdAt,
      status: 'ignored',
      readable: true,
      signing: false,
      default: false,
    });
  }
  return out;
}
