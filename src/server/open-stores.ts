/**
 * Opens the configured stores: memory, or a SQL database (SQLite by default, in the data
 * directory), with Redis optionally taking over the replay cache, the distributed cache and
 * locks. See the README for the Redis-down policy of each.
 */
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { ResolvedOptions } from '../config/resolved.js';
import { createMemoryStores } from '../stores/memory/memory-stores.js';
import { withCacheFallback } from '../stores/redis/cache-fallback.js';
import { withLockFallback } from '../stores/redis/lock-fallback.js';
import { createRedisServices } from '../stores/redis/redis-services.js';
import { createSqlStores } from '../stores/sql/create-sql-stores.js';
import type { SqlStoreOptions } from '../stores/sql/open-database.js';
import type { Stores } from '../stores/types.js';

/** The SQL options of a resolved store configuration; SQLite defaults to `<dataDir>/sigil.db`. */
export function sqlStoreOptions(options: ResolvedOptions): SqlStoreOptions {
  const { type, ...rest } = options.store;
  if (type === 'memory') throw new Error('the store is "memory", not a SQL database');
  return { ...rest, type, path: rest.path ?? join(options.dataDir, 'sigil.db') };
}

/** Open the stores `options.store` and `options.cache` select. */
export async function openStores(options: ResolvedOptions, logger: Logger): Promise<Stores> {
  const base =
    options.store.type === 'memory'
      ? createMemoryStores()
      : await createSqlStores(sqlStoreOptions(options), { logger });
  if (options.cache.type !== 'redis') return base;
  try {
    const redis = await createRedisServices(
      { url: options.cache.url!, keyPrefix: options.cache.keyPrefix },
      { logger },
    );
    return {
      ...base,
      // Fail closed: a database fallback could not know the ids Redis saw before an outage.
      replay: redis.replay,
      cache: withCacheFallback(redis.cache, base.cache),
      locks: withLockFallback(redis.locks, base.locks),
      async close() {
        await redis.close();
        await base.close();
      },
    };
  } catch (e) {
    await base.close();
    throw e;
  }
}
