import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { PersistedGrant } from '../types.js';
import { concurrently, contractIt, nowSeconds, type StoresRef, uid } from './support.case.js';

const N = 50;

function grant(type: PersistedGrant['type']): PersistedGrant {
  return {
    key: uid(),
    type,
    clientId: 'c',
    subjectId: 's',
    createdAt: nowSeconds(),
    expiresAt: nowSeconds() + 60,
    data: 'd',
  };
}

/** The race part of the contract: many concurrent callers, exactly one winner. */
export function raceCases(ref: StoresRef): void {
  describe('races', () => {
    contractIt(ref, `${N} concurrent consumers of one code yield exactly one consumed`, async ({ grants }) => {
      const g = grant('authorization_code');
      await grants.store(g);
      const results = await concurrently(N, () => grants.consume(g.key, nowSeconds()));
      assert.equal(results.filter((r) => r.status === 'consumed').length, 1);
      assert.equal(results.filter((r) => r.status === 'already-consumed').length, N - 1);
    });

    contractIt(ref, `${N} concurrent replay.add of one jti yield exactly one true`, async ({ replay }) => {
      const id = uid();
      const results = await concurrently(N, () => replay.add('dpop', id, nowSeconds() + 60));
      assert.equal(results.filter(Boolean).length, 1);
    });

    contractIt(ref, `${N} concurrent replay.add over one expired jti yield exactly one true`, async ({ replay }) => {
      const id = uid();
      await replay.add('dpop', id, nowSeconds() - 30);
      const results = await concurrently(N, () => replay.add('dpop', id, nowSeconds() + 60));
      assert.equal(results.filter(Boolean).length, 1);
    });

    contractIt(ref, `${N} concurrent PAR consumes yield exactly one request`, async ({ pushedRequests }) => {
      const r = { key: uid(), clientId: 'c', expiresAt: nowSeconds() + 60, data: 'x' };
      await pushedRequests.store(r);
      const results = await concurrently(N, () => pushedRequests.consume(r.key, nowSeconds()));
      assert.equal(results.filter((x) => x !== undefined).length, 1);
    });

    contractIt(ref, `${N} concurrent device code consumes yield exactly one code`, async ({ deviceCodes }) => {
      const now = nowSeconds();
      const d = {
        key: uid(),
        userCode: uid(),
        clientId: 'c',
        createdAt: now,
        expiresAt: now + 60,
        status: 'approved' as const,
        data: '',
      };
      await deviceCodes.store(d);
      const results = await concurrently(N, () => deviceCodes.consume(d.key));
      assert.equal(results.filter((x) => x !== undefined).length, 1);
    });

    contractIt(
      ref,
      'concurrent rotations of one refresh token store exactly one successor outside grace',
      async ({ grants }) => {
        const old = grant('refresh_token');
        await grants.store(old);
        const next = Array.from({ length: 20 }, () => grant('refresh_token'));
        const results = await concurrently(next.length, (i) => grants.rotate(old.key, next[i]!, nowSeconds()));
        assert.equal(results.filter((r) => r.status === 'consumed').length, 1);
        const stored = await Promise.all(next.map((n) => grants.get(n.key)));
        assert.equal(stored.filter(Boolean).length, 1);
      },
    );

    contractIt(ref, 'concurrent rotations inside the grace window all store their successor', async ({ grants }) => {
      const old = grant('refresh_token');
      await grants.store(old);
      const now = nowSeconds();
      const next = Array.from({ length: 10 }, () => grant('refresh_token'));
      await concurrently(next.length, (i) => grants.rotate(old.key, next[i]!, now, now - 30));
      const stored = await Promise.all(next.map((n) => grants.get(n.key)));
      assert.equal(stored.filter(Boolean).length, next.length);
    });
  });
}
