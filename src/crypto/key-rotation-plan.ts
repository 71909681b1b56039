/**
 * The timeline of automatic signing keys (Duende `KeyManager`), computed from nothing but the
 * stored keys (`kid`, `alg`, `createdAt`) and the time. Every instance sharing a store therefore
 * agrees on the current key without talking to the others.
 */

/** The key-management durations the plan needs, in seconds. */
export interface RotationSettings {
  /** The algorithms to keep a key for; others are ignored. */
  readonly algorithms: readonly string[];
  readonly rotationInterval: number;
  readonly propagationTime: number;
  readonly retentionDuration: number;
}

/** What the store tells about a key without decrypting it. */
export interface KeyMeta {
  readonly id: string;
  readonly alg: string;
  /** Epoch seconds. */
  readonly createdAt: number;
}

/** Where a key stands in its life. */
export type PlannedKeyStatus = 'current' | 'next' | 'retired' | 'expired';

/** A key with its computed life, epoch seconds. */
export interface KeyTimeline extends KeyMeta {
  /** When it signs: `createdAt + propagationTime`; `createdAt` for the oldest key of its alg. */
  readonly activatesAt: number;
  /** When its successor activates; undefined while it has none. */
  readonly retiresAt?: number;
  /** `retiresAt + retentionDuration`: unpublished and deletable from then on. */
  readonly expiresAt?: number;
  readonly status: PlannedKeyStatus;
}

/** The plan at one instant. */
export interface RotationPlan {
  readonly now: number;
  /** Every key of a configured alg: algs in configured order, oldest key first within an alg. */
  readonly keys: readonly KeyTimeline[];
  /** The signing key of each alg that has a key. */
  readonly current: ReadonlyMap<string, KeyTimeline>;
  /** Algs that need a new key now: none yet, or the newest is `rotationInterval - propagationTime` old. */
  readonly due: readonly string[];
  /** The next activation or expiry after `now` (Infinity if none): the plan is stale from then. */
  readonly nextTransition: number;
  /** The next time an alg becomes due after `now` (Infinity if none). */
  readonly nextDue: number;
}

function compare(a: KeyMeta, b: KeyMeta): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Plan the keys at `now`. Per alg, keys are ordered by creation (then `kid`). A key activates
 * `propagationTime` after its creation, except the oldest, which signs from the start (Duende
 * ignores the activation delay when no key qualifies, so a fresh store gets a usable key at
 * once). The current key is the last one activated; it retires when its successor activates and
 * expires `retentionDuration` later.
 *
 * @example
 * ```ts
 * const plan = planKeyRotation(stored, { algorithms: ['RS256'], rotationInterval: 90 * 86400,
 *   propagationTime: 14 * 86400, retentionDuration: 14 * 86400 }, now);
 * const kid = plan.current.get('RS256')?.id;
 * ```
 */
export function planKeyRotation(keys: Iterable<KeyMeta>, s: RotationSettings, now: number): RotationPlan {
  const byAlg = new Map<string, KeyMeta[]>(s.algorithms.map((a) => [a, []]));
  for (const k of keys) byAlg.get(k.alg)?.push(k);
  const out: KeyTimeline[] = [];
  const current = new Map<string, KeyTimeline>();
  const due: string[] = [];
  let nextTransition = Number.POSITIVE_INFINITY;
  let nextDue = Number.POSITIVE_INFINITY;
  const upcoming = (t: number | undefined) => {
    if (t !== undefined && t > now && t < nextTransition) nextTransition = t;
  };
  for (const [alg, list] of byAlg) {
    if (list.length === 0) {
      due.push(alg);
      continue;
    }
    list.sort(compare);
    const activation = list.map((k, i) => (i === 0 ? k.createdAt : k.createdAt + s.propagationTime));
    let cur = 0;
    for (let i = 1; i < list.length && activation[i]! <= now; i++) cur = i;
    list.forEach((k, i) => {
      const retiresAt = activation[i + 1];
      const expiresAt = retiresAt === undefined ? undefined : retiresAt + s.retentionDuration;
      const status: PlannedKeyStatus =
        i === cur ? 'current' : i > cur ? 'next' : expiresAt! <= now ? 'expired' : 'retired';
      const t: KeyTimeline = { id: k.id, alg, createdAt: k.createdAt, activatesAt: activation[i]!, status };
      const timeline = retiresAt === undefined ? t : { ...t, retiresAt, expiresAt };
      out.push(timeline);
      if (i === cur) current.set(alg, timeline);
      upcoming(activation[i]);
      upcoming(expiresAt);
    });
    const dueAt = list[list.length - 1]!.createdAt + s.rotationInterval - s.propagationTime;
    if (dueAt <= now) due.push(alg);
    else if (dueAt < nextDue) nextDue = dueAt;
  }
  return { now, keys: out, current, due, nextTransition, nextDue };
}
