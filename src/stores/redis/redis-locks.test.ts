import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryLockProvider } from '../memory/memory-locks.js';
import { withLockFallback } from './lock-fallback.js';
import { createRedisServices, type RedisServices } from './redis-services.js';
import { deleteKeys, redisSkipReason, TEST_REDIS_URL, testKeyPrefix } from './redis-under-test.case.js';

const skip = await redisSkipReason();

describe('redis locks across two server instances', { skip }, () => {
  const keyPrefix = testKeyPrefix();
  let a: RedisServices;
  let b: RedisServices;
  before(async () => {
    a = await createRedisServices({ url: TEST_REDIS_URL, keyPrefix });
    b = await createRedisServices({ url: TEST_REDIS_URL, keyPrefix });
  });
  after(async () => {
    await deleteKeys(keyPrefix);
    await a.close();
    await b.close();
  });

  it('renews the lease while a slow holder runs past its ttl, so no contender gets the lock', async () => {
    const name = `rotation-${randomBytes(4).toString('hex')}`;
    const attempts: unknown[] = [];
    const held = await a.locks.withLock(name, 2, async () => {
      for (let i = 0; i < 5; i++) {
        await sleep(800);
        attempts.push(await b.locks.withLock(name, 2, async () => 'stolen', 0));
      }
      return 'rotated';
    });
    assert.equal(held, 'rotated');
    assert.deepEqual(attempts, [undefined, undefined, undefined, undefined, undefined]);
    assert.equal(await b.locks.withLock(name, 2, async () => 'free', 0), 'free');
  });

  it('lets a contender on the other instance in once the holder releases', async () => {
    const name = `job-${randomBytes(4).toString('hex')}`;
    let release!: () => void;
    const holding = a.locks.withLock(name, 5, () => new Promise<string>((r) => (release = () => r('first'))));
    await sleep(50);
    const waiting = b.locks.withLock(name, 5, async () => 'second', 10_000);
    await sleep(100);
    release();
    assert.deepEqual(await Promise.all([holding, waiting]), ['first', 'second']);
  });

  it('never frees a lock that another owner took over after the lease ended', async () => {
    const name = `job-${randomBytes(4).toString('hex')}`;
    let releaseHung!: () => void;
    const hung = a.locks.withLock(name, 1, () => new Promise<void>((r) => (releaseHung = r)));
    let releaseNext!: () => void;
    const next = b.locks.withLock(name, 1, () => new Promise<string>((r) => (releaseNext = () => r('next'))), 10_000);
    while (!releaseNext) await sleep(50);
    releaseHung();
    await hung;
    assert.equal(await a.locks.withLock(name, 1, async () => 'intruder', 0), undefined);
    releaseNext();
    assert.equal(await next, 'next');
  });

  it('runs fn once under the redis lock with a fallback, and passes its error on untried elsewhere', async () => {
    const fallback = new MemoryLockProvider();
    const locks = withLockFallback(a.locks, fallback);
    const name = `job-${randomBytes(4).toString('hex')}`;
    let runs = 0;
    const inside = await locks.withLock(name, 5, async () => {
      runs++;
      return [
        await b.locks.withLock(name, 5, async () => 'b', 0),
        await fallback.withLock(name, 5, async () => 'fallback', 0),
      ];
    });
    assert.deepEqual(inside, [undefined, 'fallback']);
    await assert.rejects(
      locks.withLock(name, 5, async () => {
        runs++;
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(runs, 2);
  });
});
