/**
 * One pass of the expired-artifact cleanup (Duende `TokenCleanupService`): for each store, delete
 * expired rows in bounded batches until a batch removes nothing. Every batch is one statement on
 * the store's connection pool, so a pass holds no connection between statements and no row lock
 * for longer than one batch; the SQL stores skip rows another instance is deleting, so instances
 * sweeping at once split the work. One store failing does not keep the others from being swept.
 *
 * The pass returns to the event loop (`setImmediate`) after every batch, so requests are served
 * between batches. Stores that execute on this thread (SQLite through better-sqlite3, memory) also
 * shrink their batches while one takes longer than a time slice, so no batch blocks the thread
 * for long.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ServerSideSession, Stores } from '../stores/types.js';

/** The artifacts a pass sweeps, in order. */
export const CLEANUP_TARGETS = ['grants', 'replay', 'pushedRequests', 'deviceCodes', 'sessions'] as const;

/** One of {@link CLEANUP_TARGETS}. */
export type CleanupTarget = (typeof CLEANUP_TARGETS)[number];

/** Rows removed by one pass, per artifact. */
export type CleanupCounts = Record<CleanupTarget, number>;

/** Called with the server-side sessions a pass removed (for back-channel logout on expiry). */
export type ExpiredSessionsHook = (sessions: readonly ServerSideSession[]) => void;

function remover(
  stores: Stores,
  target: CleanupTarget,
  onSessionsExpired?: ExpiredSessionsHook,
): (now: number, batch: number) => Promise<number> {
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
      return async (t, b) => {
        const rows = await stores.sessions.removeExpired(t, b);
        if (rows.length > 0) onSessionsExpired?.(rows);
        return rows.length;
      };
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

/** How a pass sizes its batches; {@link pacingFor} gives the default for a set of stores. */
export interface CleanupPacing {
  /**
   * Longest a batch should block the thread, in milliseconds; a batch that took longer halves the
   * next one, down to {@link MIN_BATCH}, and one well under it doubles the next, up to the
   * pass's `batchSize`. `undefined`: every batch is `batchSize` rows (the statement runs on the
   * database server, not on this thread).
   */
  readonly sliceMs?: number;
  /** A monotonic clock in milliseconds; default `performance.now`. */
  readonly clock?: () => number;
}

/** The smallest batch the time slice shrinks to. */
export const MIN_BATCH = 10;

/** The time slice of stores whose statements run on the event-loop thread, in milliseconds. */
export const IN_PROCESS_SLICE_MS = 10;

/**
 * The default pacing: a {@link IN_PROCESS_SLICE_MS} slice for SQLite and memory stores, whose
 * deletes run synchronously on this thread; none for PostgreSQL and MySQL, whose deletes run on
 * the database server while this thread serves requests.
 */
export function pacingFor(stores: Pick<Stores, 'kind'>): CleanupPacing {
  return stores.kind === 'sqlite' || stores.kind === 'memory' ? { sliceMs: IN_PROCESS_SLICE_MS } : {};
}

/** The next batch size after one of `size` rows took `ms`. */
function nextBatch(size: number, ms: number, max: number, sliceMs: number | undefined): number {
  if (sliceMs === undefined) return max;
  if (ms > sliceMs) return Math.max(Math.min(MIN_BATCH, max), Math.floor(size / 2));
  if (ms < sliceMs / 4) return Math.min(max, size * 2);
  return size;
}

/**
 * Remove everything that expired before `now`, at most `batchSize` rows per statement, stopping
 * between batches when `signal` aborts. Between batches it yields to the event loop; on stores
 * that run on this thread it also keeps each batch within `pacing.sliceMs`. `onSessionsExpired`
 * receives each batch of removed server-side sessions. Resolves with the counts.
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
  pacing: CleanupPacing = pacingFor(stores),
  onSessionsExpired?: ExpiredSessionsHook,
): Promise<CleanupCounts> {
  const clock = pacing.clock ?? (() => performance.now());
  const removed: CleanupCounts = { grants: 0, replay: 0, pushedRequests: 0, deviceCodes: 0, sessions: 0 };
  const errors: Array<{ target: CleanupTarget; error: unknown }> = [];
  for (const target of CLEANUP_TARGETS) {
    const remove = remover(stores, target, onSessionsExpired);
    // A slice starts small: the first batch's cost is unknown, and a too-large one blocks the thread.
    let size = pacing.sliceMs === undefined ? batchSize : Math.min(batchSize, MIN_BATCH);
    try {
      for (;;) {
        // A macrotask, not a microtask: awaiting a synchronous driver's promise never lets I/O run.
        await nextTurn();
        if (signal?.aborted) break;
        const started = clock();
        const n = await remove(now, size);
        removed[target] += n;
        // Not `n < size` (Duende's test): a store that skips rows another instance holds can
        // return a short batch while expired rows remain, and every instance would stop early.
        if (n === 0) break;
        size = nextBatch(size, clock() - started, batchSize, pacing.sliceMs);
      }
    } catch (error) {
      errors.push({ target, error });
    }
  }
  if (errors.length) throw new CleanupError(errors, removed);
  return removed;
}
