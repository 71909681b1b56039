import type { Stores } from '../types.js';
import { MemoryCache } from './memory-cache.js';
import { MemoryConfigurationStore } from './memory-configuration.js';
import { MemoryGrantStore } from './memory-grants.js';
import { MemoryProtectionKeyStore, MemorySigningKeyStore } from './memory-keys.js';
import { MemoryLockProvider } from './memory-locks.js';
import { MemoryReplayCache } from './memory-replay.js';
import { MemoryDeviceCodeStore, MemoryPushedRequestStore } from './memory-requests.js';
import { MemorySessionStore } from './memory-sessions.js';
import { MemoryUserStore } from './memory-users.js';

/**
 * Creates a fresh set of in-memory stores: fast, atomic by construction (JavaScript runs one
 * callback at a time and no method awaits between its check and its write), and lost on restart.
 * Meant for development, tests and single-instance demos.
 *
 * @example
 * ```ts
 * const stores = createMemoryStores();
 * await stores.grants.store(grant);
 * ```
 */
export function createMemoryStores(): Stores {
  return {
    kind: 'memory',
    grants: new MemoryGrantStore(),
    replay: new MemoryReplayCache(),
    signingKeys: new MemorySigningKeyStore(),
    protectionKeys: new MemoryProtectionKeyStore(),
    sessions: new MemorySessionStore(),
    pushedRequests: new MemoryPushedRequestStore(),
    deviceCodes: new MemoryDeviceCodeStore(),
    users: new MemoryUserStore(),
    configuration: new MemoryConfigurationStore(),
    locks: new MemoryLockProvider(),
    cache: new MemoryCache(),
    close: async () => undefined,
  };
}
