/**
 * Store interfaces and implementations (`sigil-identity/stores`). One interface per artifact,
 * each with atomic operations; every implementation passes the shared contract suite.
 */
export { createMemoryStores } from './memory/memory-stores.js';
export type * from './types.js';
