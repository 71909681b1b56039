/**
 * One pass of the expired-artifact cleanup (Duende `TokenCleanupService`): for each store, delete
 * expired rows in bounded batches until a batch removes nothing. Every batch is one statement on
 * the store's connection pool, so a pass holds no connection between statements and no row lock
 * for longer than one batch; the SQL stores skip rows another instance is deleting, so instances
 * sweeping at once split the work. One store failing does not keep the others from being swept.
 */
import type { Stores } from '../stores/types.js';

/** The artifacts a pass sweeps, in order. */
export const CLEANUP_TARGETS = ['grants', 'replay', 'pushedRequests', 'deviceCodes', 'sessions'] as const;

/** One of {@link CLEANUP_TARGETS}. */
export type CleanupTarget = (typeof CLEANUP_TARGETS)[number];

/** Rows removed by one pass, per artifact. */
export type CleanupCounts = Record<CleanupTarget, number>;

function remover(stores: Stores, target: CleanupTarget): (now: number, batch: number) => Promise<number> {
  switch (target) {
    case 'grants':
      return (t, b) => stores.grants.removeExpired(t, b);
    case 'replay':
      return (t, b) => stores.replay.removeExpired(t, b);
    case 'pushedRequests':
      return (t, b) => stores.pushedRequests.removeExpired(t, b);
    case 'deviceCodes':
      return (t, b) => stores.deviceCodes.removeExpired(t, b);
    case 'sessions':
      // Expired sessions are only dropped for now; back-channel logout on expiry comes with sessions.
      return async (t, b) => (await stores.sessions.removeExpired(t, b)).length;
  }
}

/** Thrown after a pass in which some stores failed; the others were swept. */
export class CleanupError extends AggregateError {
  /** What the pass removed before and despite the failures. */
  readonly removed: CleanupCounts;
  /** The artifacts whose sweep failed. */
  readonly failed: readonly CleanupTarget[];

  constructor(errors: Array<{ target: CleanupTarget; error: unknown }>, removed: CleanupCounts) {
    super(
      errors.map((e) => e.error),
      `expired-artifact cleanup failed for ${errors.map((e) => `${e.target} (${(e.error as Error)?.message ?? String(e.error)})`).join(', ')}`,
    );
    this.name = 'CleanupError';
    this.removed = removed;
    this.failed = errors.map((e) => e.target);
  }
}

/**
 * Remove everything that expired before `now`, `batchSize` rows per statement, stopping between
 * batches when `signal` aborts. Resolves with the counts.
 *
 * @example
 * ```ts
 * const removed = await cleanupExpired(server.stores, Math.floor(Date.now() / 1000), 100);
 * ```
 * @throws {CleanupError} when any store failed, after sweeping the others.
 */
export async function cleanupExpired(
  stores: Stores,
  now: number,
  batchSize: number,
  signal?: AbortSignal,
): Promise<CleanupCounts> {
  const removed: CleanupCounts = { grants: 0, replay: 0, pushedRequests: 0, deviceCodes: 0, sessions: 0 };
  const errors: Array<{ target: CleanupTarget; error: unknown }> = [];
  for (const target of CLEANUP_TARGETS) {
    const remove = remover(stores, target);
    try {
      while (!signal?.aborted) {
        const n = await remove(now, batchSize);
        removed[target] += n;
        // Not `n < batchSize` (Duende's test): a store that skips rows another instance holds can
        // return a short batch while expired rows remain, and every instance would stop early.
        if (n === 0) break;
      }
    } catch (error) {
      errors.push({ target, error });
    }
  }
  if (errors.length) throw new CleanupError(errors, removed);
  return removed;
}
