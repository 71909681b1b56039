import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryCache } from '../memory/memory-cache.js';
import { withCacheFallback } from './cache-fallback.js';
import { createRedisServices, type RedisServices } from './redis-services.js';
import { deleteKeys, redisSkipReason, TEST_REDIS_URL, testKeyPrefix } from './redis-under-test.case.js';

const skip = await redisSkipReason();
const inAMinute = () => Math.floor(Date.now() / 1000) + 60;
const jti = () => randomBytes(12).toString('base64url');

describe('redis services shared by two server instances', { skip }, () => {
  const keyPrefix = testKeyPrefix();
  const otherPrefix = testKeyPrefix();
  let a: RedisServices;
  let b: RedisServices;
  let other: RedisServices;
  before(async () => {
    a = await createRedisServices({ url: TEST_REDIS_URL, keyPrefix });
    b = await createRedisServices({ url: TEST_REDIS_URL, keyPrefix });
    other = await createRedisServices({ url: TEST_REDIS_URL, keyPrefix: otherPrefix });
  });
  after(async () => {
    await deleteKeys(keyPrefix);
    await deleteKeys(otherPrefix);
    await Promise.all([a.close(), b.close(), other.close()]);
  });

  it('answers ping with true', async () => {
    assert.equal(await a.ping(), true);
  });

  it('treats an id added through one instance as a replay through the other', async () => {
    const id = jti();
    assert.equal(await a.replay.add('client_assertion', id, inAMinute()), true);
    assert.equal(await b.replay.add('client_assertion', id, inAMinute()), false);
    assert.equal(await b.replay.add('dpop', id, inAMinute()), true);
  });

  it('has exactly one winner when both instances race for one id', async () => {
    const id = jti();
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).replay.add('dpop', id, inAMinute())),
    );
    assert.equal(results.filter(Boolean).length, 1);
  });

  it('keeps ids with separators and of any length apart', async () => {
    const id = jti();
    assert.equal(await a.replay.add(`p:${id}`, 'x', inAMinute()), true);
    assert.equal(await a.replay.add('p', `${id}:x`, inAMinute()), true);
    assert.equal(await a.replay.add('dpop', 'ü\u0000'.repeat(5000) + id, inAMinute()), true);
    assert.equal(await b.replay.add('dpop', 'ü\u0000'.repeat(5000) + id, inAMinute()), false);
  });

  it('keeps deployments with different key prefixes apart', async () => {
    const id = jti();
    assert.equal(await a.replay.add('dpop', id, inAMinute()), true);
    assert.equal(await other.replay.add('dpop', id, inAMinute()), true);
    await a.cache.set(id, 'a', 60);
    assert.equal(await other.cache.get(id), undefined);
  });

  it('shares cache values and counters, and keeps the expiry of the first increment', async () => {
    const key = jti();
    await a.cache.set(key, 'discovery', 60);
    assert.equal(await b.cache.get(key), 'discovery');
    await b.cache.delete(key);
    assert.equal(await a.cache.get(key), undefined);
    assert.equal(await a.cache.increment(`${key}:n`, 1), 1);
    assert.equal(await b.cache.increment(`${key}:n`, 3600), 2);
    assert.equal(await a.cache.get(`${key}:n`), '2');
    await sleep(1100);
    assert.equal(await b.cache.increment(`${key}:n`, 60), 1);
  });

  it('reads Redis, not the fallback, while Redis is up', async () => {
    const fallback = new MemoryCache();
    const cache = withCacheFallback(a.cache, fallback);
    const key = jti();
    await fallback.set(key, 'stale', 60);
    await b.cache.set(key, 'fresh', 60);
    assert.equal(await cache.get(key), 'fresh');
    await cache.delete(key);
    assert.equal(await fallback.get(key), undefined);
  });
});
