/**
 * The server's background jobs: signing-key refresh and rotation (paced by the key manager),
 * data-protection key-ring refresh, and the cleanup of expired artifacts in bounded batches.
 */
import type { ServerContext } from '../context.js';
import type { DataProtection } from '../crypto/data-protection.js';
import type { KeyManager } from '../crypto/key-manager.js';
import { CleanupError, cleanupExpired, type ExpiredSessionsHook, pacingFor } from './cleanup-expired.js';
import type { JobDefinition } from './jobs.js';

/** How often the data-protection ring is reloaded; its keys are created 2 days before they are used. */
const DATA_PROTECTION_REFRESH_MS = 3_600_000;

/**
 * The jobs every server runs:
 * - `keys`: reload the signing keys, create due ones, delete expired ones; next run after
 *   `keys.nextRefreshDelay()` (at most `keyManagement.keyCacheDuration`). Absent when key
 *   management is disabled.
 * - `data-protection`: reload the data-protection key ring and create its next key when due; hourly.
 * - `cleanup`: delete expired grants, replay entries, pushed requests, device codes and sessions,
 *   at most `cleanup.batchSize` rows per statement, every `cleanup.interval` seconds, returning to
 *   the event loop between statements (see `cleanupExpired`); removed sessions go to
 *   `onSessionsExpired`. Absent when `cleanup.enabled` is false.
 *
 * Each job's first run starts at a random time within its first interval.
 */
export function serverJobs(
  ctx: ServerContext,
  keys: KeyManager,
  dataProtection: DataProtection,
  onSessionsExpired?: ExpiredSessionsHook,
): JobDefinition[] {
  const { keyManagement, cleanup } = ctx.options;
  const jobs: JobDefinition[] = [];
  if (keyManagement.enabled) {
    jobs.push({ name: 'keys', intervalMs: () => keys.nextRefreshDelay() * 1000, run: () => keys.refresh() });
  }
  jobs.push({ name: 'data-protection', intervalMs: DATA_PROTECTION_REFRESH_MS, run: () => dataProtection.refresh() });
  if (cleanup.enabled) {
    jobs.push({
      name: 'cleanup',
      intervalMs: cleanup.interval * 1000,
      async run(signal) {
        try {
          const removed = await cleanupExpired(
            ctx.stores,
            ctx.now(),
            cleanup.batchSize,
            signal,
            pacingFor(ctx.stores),
            onSessionsExpired,
          );
          const total = Object.values(removed).reduce((a, b) => a + b, 0);
          if (total > 0) ctx.logger.info({ removed }, `removed ${total} expired artifacts`);
          else ctx.logger.debug({ removed }, 'no expired artifacts to remove');
        } catch (e) {
          if (e instanceof CleanupError) ctx.logger.info({ removed: e.removed }, 'partial expired-artifact cleanup');
          throw e;
        }
      },
    });
  }
  return jobs;
}
