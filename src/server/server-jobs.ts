/**
 * The server's background jobs: signing-key refresh and rotation, data-protection key-ring
 * refresh, and the cleanup of expired artifacts in bounded batches.
 */
import type { ServerContext } from '../context.js';
import type { DataProtection } from '../crypto/data-protection.js';
import type { KeyManager } from '../crypto/key-manager.js';
import type { JobDefinition } from './jobs.js';

const MINUTE = 60_000;
/** Rows removed per statement; small enough that no sweep holds locks for long. */
export const CLEANUP_BATCH_SIZE = 500;

/** Remove expired rows batch by batch until a batch comes back short or the runner stops. */
async function sweep(
  remove: (now: number, batch: number) => Promise<number | readonly unknown[]>,
  now: number,
  signal: AbortSignal,
): Promise<number> {
  let total = 0;
  while (!signal.aborted) {
    const r = await remove(now, CLEANUP_BATCH_SIZE);
    const n = typeof r === 'number' ? r : r.length;
    total += n;
    if (n < CLEANUP_BATCH_SIZE) break;
  }
  return total;
}

/** The jobs every server runs. */
export function serverJobs(ctx: ServerContext, keys: KeyManager, dataProtection: DataProtection): JobDefinition[] {
  const s = ctx.stores;
  return [
    {
      name: 'keys',
      intervalMs: 5 * MINUTE,
      initialJitterMs: 30_000,
      run: () => keys.refresh(),
    },
    {
      name: 'data-protection',
      intervalMs: 60 * MINUTE,
      run: () => dataProtection.refresh(),
    },
    {
      name: 'cleanup',
      intervalMs: 10 * MINUTE,
      async run(signal) {
        const now = ctx.now();
        const removed = {
          grants: await sweep((t, b) => s.grants.removeExpired(t, b), now, signal),
          replay: await sweep((t, b) => s.replay.removeExpired(t, b), now, signal),
          pushedRequests: await sweep((t, b) => s.pushedRequests.removeExpired(t, b), now, signal),
          deviceCodes: await sweep((t, b) => s.deviceCodes.removeExpired(t, b), now, signal),
          sessions: await sweep((t, b) => s.sessions.removeExpired(t, b), now, signal),
        };
        ctx.logger.debug({ removed }, 'removed expired artifacts');
      },
    },
  ];
}
