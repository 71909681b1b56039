import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { MemoryCache } from '../memory/memory-cache.js';
import { MemoryLockProvider } from '../memory/memory-locks.js';
import { withCacheFallback } from './cache-fallback.js';
import { withLockFallback } from './lock-fallback.js';
import { createRedisServices, type RedisServices } from './redis-services.js';
import { DOWN_REDIS_URL } from './redis-under-test.case.js';

const inAMinute = () => Math.floor(Date.now() / 1000) + 60;

// The timeouts only turn a hang into a failure; nothing here measures how long a call takes.
describe('redis services while nothing listens at the Redis URL', { timeout: 30_000 }, () => {
  let redis: RedisServices;
  const warnings: string[] = [];
  before(async () => {
    const logger = { warn: (_: object, msg: string) => warnings.push(msg), info: () => undefined };
    redis = await createRedisServices({ url: DOWN_REDIS_URL, keyPrefix: 'down:' }, { logger });
  });
  after(() => redis.close());

  it('starts anyway, reports the outage once and answers ping with false', async () => {
    assert.equal(await redis.ping(), false);
    await redis.ping();
    assert.equal(warnings.length, 1);
  });

  it('rejects replay.add instead of resolving true, every time', async () => {
    for (let i = 0; i < 3; i++) await assert.rejects(redis.replay.add('dpop', `jti-${i}`, inAMinute()));
  });

  it('rejects every call of the bare cache and lock provider', async () => {
    await assert.rejects(redis.cache.get('k'));
    await assert.rejects(redis.cache.increment('k', 60));
    let ran = false;
    await assert.rejects(redis.locks.withLock('l', 10, async () => (ran = true)));
    assert.equal(ran, false);
  });

  it('serves the cache from the fallback cache', async () => {
    const fallback = new MemoryCache();
    await fallback.set('discovery', 'from the database', 60);
    const cache = withCacheFallback(redis.cache, fallback);
    assert.equal(await cache.get('discovery'), 'from the database');
    await cache.set('nonce', 'n1', 60);
    assert.equal(await fallback.get('nonce'), 'n1');
    assert.equal(await cache.increment('rate', 60), 1);
    assert.equal(await cache.increment('rate', 60), 2);
    await cache.delete('nonce');
    assert.equal(await fallback.get('nonce'), undefined);
  });

  it('reads a miss rather than throwing when the fallback cache fails as well', async () => {
    const broken = withCacheFallback(redis.cache, withCacheFallback(redis.cache, redis.cache));
    assert.equal(await broken.get('discovery'), undefined);
    await broken.set('discovery', 'x', 60);
    await assert.rejects(broken.increment('rate', 60));
    await assert.rejects(broken.delete('discovery'));
  });

  it('runs fn once under the fallback lock', async () => {
    const fallback = new MemoryLockProvider();
    const locks = withLockFallback(redis.locks, fallback);
    let runs = 0;
    const result = await locks.withLock('rotation', 10, async () => {
      runs++;
      assert.equal(await fallback.withLock('rotation', 10, async () => 'taken', 0), undefined);
      return 'done';
    });
    assert.equal(result, 'done');
    assert.equal(runs, 1);
    await assert.rejects(
      locks.withLock('rotation', 10, async () => {
        runs++;
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(runs, 2);
  });
});

describe('redis services when Redis accepts connections but never answers', { timeout: 30_000 }, () => {
  let server: Server;
  let redis: RedisServices;
  const sockets = new Set<Socket>();
  before(async () => {
    server = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    redis = await createRedisServices({ url: `redis://127.0.0.1:${port}`, timeoutMs: 200 });
  });
  after(async () => {
    await redis.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('rejects replay.add instead of hanging', async () => {
    await assert.rejects(redis.replay.add('dpop', 'jti', inAMinute()));
    assert.equal(await redis.ping(), false);
  });
});
