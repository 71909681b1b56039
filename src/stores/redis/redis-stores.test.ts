import { runStoreContract } from '../contract.case.js';
import { createMemoryStores } from '../memory/memory-stores.js';
import { createRedisServices } from './redis-services.js';
import { deleteKeys, redisSkipReason, TEST_REDIS_URL, testKeyPrefix } from './redis-under-test.case.js';

// The memory stores with the replay cache, cache and locks on Redis: the whole contract must hold.
runStoreContract(
  'redis',
  async () => {
    if (await redisSkipReason()) return undefined;
    const keyPrefix = testKeyPrefix();
    const redis = await createRedisServices({ url: TEST_REDIS_URL, keyPrefix });
    const memory = createMemoryStores();
    return {
      ...memory,
      replay: redis.replay,
      cache: redis.cache,
      locks: redis.locks,
      close: async () => {
        await deleteKeys(keyPrefix);
        await redis.close();
        await memory.close();
      },
    };
  },
  { replayExpiresItself: true },
);
