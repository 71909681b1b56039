/**
 * Opens the configured stores: memory, or a SQL database, with Redis optionally taking over the
 * replay cache, the distributed cache and locks.
 */
import type { Logger } from 'pino';
import type { ResolvedOptions } from '../config/resolved.js';
import { createMemoryStores } from '../stores/memory/memory-stores.js';
import type { Stores } from '../stores/types.js';

/** Open the stores `options.store` and `options.cache` select. */
export async function openStores(options: ResolvedOptions, logger: Logger): Promise<Stores> {
  void logger;
  switch (options.store.type) {
    case 'memory':
      return createMemoryStores();
    default:
      throw new Error(`store type "${options.store.type}" is not available in this build`);
  }
}
