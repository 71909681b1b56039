/**
 * Store interfaces and implementations (`sigil-identity/stores`). One interface per artifact,
 * each with atomic operations; every implementation passes the shared contract suite.
 */
export { createMemoryStores } from './memory/memory-stores.js';
export { withCacheFallback } from './redis/cache-fallback.js';
export { withLockFallback } from './redis/lock-fallback.js';
export { createRedisServices, type RedisServices, type RedisServicesOptions } from './redis/redis-services.js';
export { createSqlStores, type SqlStoreDeps } from './sql/create-sql-stores.js';
export { type MigrateOptions, type MigrateResult, migrate } from './sql/migrate.js';
export type { SqlStoreLogger, SqlStoreOptions } from './sql/open-database.js';
export { SchemaVersionError, type SchemaVersionErrorCode } from './sql/schema-version-error.js';
export type * from './types.js';
