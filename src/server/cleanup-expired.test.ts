import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMemoryStores } from '../stores/memory/memory-stores.js';
import { createSqlStores } from '../stores/sql/create-sql-stores.js';
import type { Stores } from '../stores/types.js';
import { CLEANUP_TARGETS, type CleanupTarget, cleanupExpired, MIN_BATCH, pacingFor } from './cleanup-expired.js';

const now = 1_700_000_000;
const expired = now - 5;

async function fillExpired(stores: Stores, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await stores.grants.store({
      key: `g${i}`,
      type: 'reference_token',
      clientId: 'svc',
      createdAt: 1,
      expiresAt: expired,
      data: 'x',
    });
    await stores.replay.add('jti', `r${i}`, expired);
    await stores.pushedRequests.store({ key: `p${i}`, clientId: 'svc', expiresAt: expired, data: 'x' });
    await stores.deviceCodes.store({
      key: `d${i}`,
      userCode: `U${i}`,
      clientId: 'svc',
      createdAt: 1,
      expiresAt: expired,
      status: 'pending',
      data: 'x',
    });
    await stores.sessions.create({
      key: `s${i}`,
      subjectId: 'alice',
      sessionId: `sid${i}`,
      createdAt: 1,
      renewedAt: 1,
      expiresAt: expired,
      data: 'x',
    });
  }
}

/**
 * Records every batch of every sweep, and during each batch schedules a `setImmediate` callback:
 * it can only run once the sweep returns to the event loop.
 */
function recordBatches(stores: Stores): Array<{ target: CleanupTarget; size: number } | 'event loop'> {
  const events: Array<{ target: CleanupTarget; size: number } | 'event loop'> = [];
  const wrap = <T>(target: CleanupTarget, remove: (now: number, size: number) => Promise<T>) => {
    return (t: number, size: number) => {
      events.push({ target, size });
      setImmediate(() => events.push('event loop'));
      return remove(t, size);
    };
  };
  const s = stores;
  s.grants.removeExpired = wrap('grants', s.grants.removeExpired.bind(s.grants));
  s.replay.removeExpired = wrap('replay', s.replay.removeExpired.bind(s.replay));
  s.pushedRequests.removeExpired = wrap('pushedRequests', s.pushedRequests.removeExpired.bind(s.pushedRequests));
  s.deviceCodes.removeExpired = wrap('deviceCodes', s.deviceCodes.removeExpired.bind(s.deviceCodes));
  s.sessions.removeExpired = wrap('sessions', s.sessions.removeExpired.bind(s.sessions));
  return events;
}

describe('cleanupExpired', () => {
  it('returns to the event loop after every batch on SQLite, whose driver runs each statement synchronously', async () => {
    const stores = await createSqlStores({ type: 'sqlite', path: ':memory:' });
    try {
      await fillExpired(stores, 35);
      const events = recordBatches(stores);
      const removed = await cleanupExpired(stores, now, 10);
      assert.deepEqual(removed, { grants: 35, replay: 35, pushedRequests: 35, deviceCodes: 35, sessions: 35 });
      const batches = events.filter((e) => e !== 'event loop');
      // 10, 10, 10, 5, then the empty batch that ends each sweep.
      assert.equal(batches.length, 5 * CLEANUP_TARGETS.length);
      for (let i = 1; i < events.length; i++) {
        if (events[i] !== 'event loop') {
          assert.equal(events[i - 1], 'event loop', `batch ${i} of ${JSON.stringify(events)} followed a batch`);
        }
      }
    } finally {
      await stores.close();
    }
  });

  it('keeps each batch within the time slice: halves a slow batch, down to the minimum, and doubles a fast one up to batchSize', async () => {
    const stores = createMemoryStores();
    await fillExpired(stores, 400);
    const events = recordBatches(stores);
    // A scripted clock: the first three grant batches each take 50 ms, every later one 1 ms.
    let time = 0;
    let reads = 0;
    const clock = () => {
      reads++;
      // Two reads per batch: before and after.
      if (reads % 2 === 0) time += reads <= 6 ? 50 : 1;
      return time;
    };
    await cleanupExpired(stores, now, 100, undefined, { sliceMs: 10, clock });
    const sizes = events.flatMap((e) => (e !== 'event loop' && e.target === 'grants' ? [e.size] : []));
    assert.deepEqual(sizes.slice(0, 8), [
      MIN_BATCH,
      MIN_BATCH,
      MIN_BATCH,
      MIN_BATCH,
      2 * MIN_BATCH,
      4 * MIN_BATCH,
      8 * MIN_BATCH,
      100,
    ]);
    assert.ok(sizes.every((s) => s <= 100));
  });

  it('never shrinks a batch below batchSize when batchSize is under the minimum', async () => {
    const stores = createMemoryStores();
    await fillExpired(stores, 7);
    const events = recordBatches(stores);
    let time = 0;
    await cleanupExpired(stores, now, 3, undefined, { sliceMs: 10, clock: () => (time += 100) });
    const sizes = events.flatMap((e) => (e !== 'event loop' && e.target === 'grants' ? [e.size] : []));
    assert.deepEqual(sizes, [3, 3, 3, 3]);
  });

  it('sends whole batches to PostgreSQL and MySQL, whose deletes run on the database server', async () => {
    assert.deepEqual(pacingFor({ kind: 'postgres' }), {});
    assert.deepEqual(pacingFor({ kind: 'mysql' }), {});
    assert.ok(pacingFor({ kind: 'sqlite' }).sliceMs);
    const stores = createMemoryStores();
    await fillExpired(stores, 25);
    const events = recordBatches(stores);
    await cleanupExpired(stores, now, 10, undefined, {});
    const sizes = events.flatMap((e) => (e !== 'event loop' && e.target === 'grants' ? [e.size] : []));
    assert.deepEqual(sizes, [10, 10, 10, 10]);
  });
});
