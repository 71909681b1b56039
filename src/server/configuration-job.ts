/**
 * The background job that picks up configuration changes made elsewhere (another instance, the
 * `sigil clients` commands): every `configurationStore.refreshInterval` seconds it compares the
 * store's version with the current snapshot's and reloads when they differ.
 */
import type { ResolvedOptions } from '../config/resolved.js';
import type { ConfigurationSnapshots } from '../configuration/configuration-snapshots.js';
import type { JobDefinition } from './jobs.js';

/** The job's name, for `server.runJob('configuration')`. */
export const CONFIGURATION_JOB = 'configuration';

/**
 * The configuration refresh job, or none when the configuration store is off.
 *
 * @example
 * ```ts
 * const jobs = startJobs([...serverJobs(ctx, keys, dp), ...configurationJobs(resolved, snapshots)], logger);
 * await jobs.runNow('configuration');
 * ```
 */
export function configurationJobs(options: ResolvedOptions, snapshots: ConfigurationSnapshots): JobDefinition[] {
  if (!options.configurationStore.enabled) return [];
  return [
    {
      name: CONFIGURATION_JOB,
      intervalMs: options.configurationStore.refreshInterval * 1000,
      run: () => snapshots.refresh(),
    },
  ];
}
