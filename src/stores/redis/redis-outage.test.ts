import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryCache } from '../memory/memory-cache.js';
import { withCacheFallback } from './cache-fallback.js';
import { createRedisServices, type RedisServices } from './redis-services.js';
import {
  deleteKeys,
  type RedisProxy,
  redisSkipReason,
  startRedisProxy,
  testKeyPrefix,
} from './redis-under-test.case.js';

const skip = await redisSkipReason();
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;
const jti = () => randomBytes(12).toString('base64url');

describe('redis services through an outage that starts while connected', { skip, timeout: 60_000 }, () => {
  const keyPrefix = testKeyPrefix();
  const logs: string[] = [];
  let proxy: RedisProxy;
  let redis: RedisServices;
  before(async () => {
    proxy = await startRedisProxy();
    const logger = {
      warn: (_: object, m: string) => logs.push(`warn ${m}`),
      info: (_: object, m: string) => logs.push(`info ${m}`),
    };
    redis = await createRedisServices({ url: proxy.url, keyPrefix, timeoutMs: 300 }, { logger });
  });
  after(async () => {
    await redis.close();
    await proxy.close();
    await deleteKeys(keyPrefix);
  });

  it('fails closed while Redis stops answering, serves the fallback cache, and recovers', async () => {
    const before = jti();
    assert.equal(await redis.replay.add('dpop', before, inAMinute()), true);
    const fallback = new MemoryCache();
    await fallback.set('discovery', 'from the database', 60);
    const cache = withCacheFallback(redis.cache, fallback);

    proxy.freeze();
    for (let i = 0; i < 5; i++) {
      await assert.rejects(redis.replay.add('dpop', jti(), inAMinute()));
      await assert.rejects(redis.replay.add('dpop', before, inAMinute()));
      assert.equal(await cache.get('discovery'), 'from the database');
    }

    proxy.thaw();
    for (let tries = 0; !(await redis.ping()); tries++) {
      assert.ok(tries < 200, 'the client reconnects once Redis answers again');
      await sleep(100);
    }
    assert.equal(await redis.replay.add('dpop', before, inAMinute()), false);
    assert.equal(await redis.replay.add('dpop', jti(), inAMinute()), true);
    assert.deepEqual(logs, [
      'warn redis connection failed; using the redis-down policy until it is back',
      'info redis connection restored',
    ]);
  });
});
