/**
 * An immutable snapshot of the keys in use: the signing key per alg, the validation keys and the
 * serialised JWKS. The key manager builds one whenever the plan or the loaded keys change, so
 * the token endpoint only reads maps.
 */
import type { RotationPlan } from './key-rotation-plan.js';
import type { StaticEntry } from './load-static-key.js';
import type { SigningKey } from './types.js';

/** What the key manager serves between two changes. */
export interface KeySet {
  /** The key used when no algorithm is asked for. */
  readonly defaultKey: SigningKey | undefined;
  /** The signing key per alg: a static signing key first (it takes precedence), else the current automatic key. */
  readonly signing: ReadonlyMap<string, SigningKey>;
  /** Algs with a signing key, default first. */
  readonly algorithms: readonly string[];
  /** Static keys, then current, next and retained automatic keys. */
  readonly validation: readonly SigningKey[];
  readonly byKid: ReadonlyMap<string, SigningKey>;
  readonly jwksJson: string;
  /** Identical for identical sets; the manager bumps `version` when it changes. */
  readonly fingerprint: string;
}

/**
 * Build the snapshot. `automatic` holds the readable automatic keys by kid; keys in the plan that
 * are missing from it are skipped. Without a plan (key management disabled) only static keys count.
 *
 * @example
 * ```ts
 * const set = buildKeySet(statics, new Map(loaded.map((k) => [k.kid, k])), plan, ['RS256', 'ES256']);
 * const key = set.signing.get('ES256') ?? set.defaultKey;
 * ```
 */
export function buildKeySet(
  statics: readonly StaticEntry[],
  automatic: ReadonlyMap<string, SigningKey>,
  plan: RotationPlan | undefined,
  algorithms: readonly string[],
): KeySet {
  const signing = new Map<string, SigningKey>();
  const validation: SigningKey[] = [];
  const byKid = new Map<string, SigningKey>();
  const publish = (key: SigningKey) => {
    if (byKid.has(key.kid)) return;
    byKid.set(key.kid, key);
    validation.push(key);
  };
  for (const s of statics) {
    publish(s.key);
    if (s.signing && !signing.has(s.key.alg)) signing.set(s.key.alg, s.key);
  }
  let defaultKey = statics.find((s) => s.signing)?.key;
  if (plan) {
    for (const t of plan.keys) {
      const key = automatic.get(t.id);
      if (key && t.status !== 'expired') publish(key);
    }
    for (const alg of algorithms) {
      const id = plan.current.get(alg)?.id;
      const key = id === undefined ? undefined : automatic.get(id);
      if (key && !signing.has(alg)) signing.set(alg, key);
    }
    defaultKey ??= algorithms.map((a) => signing.get(a)).find((k) => k !== undefined);
  }
  defaultKey ??= signing.values().next().value;
  const algs = defaultKey ? [defaultKey.alg] : [];
  for (const alg of signing.keys()) if (!algs.includes(alg)) algs.push(alg);
  const jwksJson = JSON.stringify({ keys: validation.map((k) => k.publicJwk) });
  const fingerprint = `${[...signing].map(([a, k]) => `${a}=${k.kid}`).join(',')}|${defaultKey?.kid ?? ''}|${[...byKid.keys()].join(',')}`;
  return {
    defaultKey,
    signing,
    algorithms: Object.freeze(algs),
    validation: Object.freeze(validation),
    byKid,
    jwksJson,
    fingerprint,
  };
}
