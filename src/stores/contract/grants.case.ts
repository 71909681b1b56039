import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { PersistedGrant } from '../types.js';
import { contractIt, drain, nowSeconds, type StoresRef, uid } from './support.case.js';

function grant(overrides: Partial<PersistedGrant> = {}): PersistedGrant {
  return {
    key: uid('g-'),
    type: 'authorization_code',
    clientId: 'client-a',
    subjectId: 'alice',
    sessionId: 'sid-1',
    familyId: uid('fam-'),
    createdAt: nowSeconds(),
    expiresAt: nowSeconds() + 300,
    data: '{"payload":"x"}',
    ...overrides,
  };
}

/** The GrantStore part of the contract. */
export function grantCases(ref: StoresRef): void {
  describe('grants', () => {
    contractIt(ref, 'stores a grant and reads back every field unchanged', async ({ grants }) => {
      const full = grant({ consumedAt: nowSeconds(), data: 'ü'.repeat(5000) });
      await grants.store(full);
      assert.deepEqual(await grants.get(full.key), full);
      const bare: PersistedGrant = { key: uid(), type: 'reference_token', clientId: 'c', createdAt: 1, data: '' };
      await grants.store(bare);
      assert.deepEqual(await grants.get(bare.key), bare);
    });

    contractIt(ref, 'refuses to store a second grant under an existing key', async ({ grants }) => {
      const g = grant();
      await grants.store(g);
      await assert.rejects(grants.store({ ...g, data: 'other' }));
      assert.equal((await grants.get(g.key))?.data, g.data);
    });

    contractIt(ref, 'upsert inserts a new grant and replaces an existing one', async ({ grants }) => {
      const g = grant({ type: 'user_consent', expiresAt: undefined });
      delete g.expiresAt;
      await grants.upsert(g);
      assert.deepEqual(await grants.get(g.key), g);
      const changed = { ...g, data: 'scopes=openid', expiresAt: nowSeconds() + 10 };
      await grants.upsert(changed);
      assert.deepEqual(await grants.get(g.key), changed);
    });

    contractIt(ref, 'returns undefined for an unknown key and still returns expired grants', async ({ grants }) => {
      assert.equal(await grants.get(uid()), undefined);
      const g = grant({ expiresAt: nowSeconds() - 100 });
      await grants.store(g);
      assert.equal((await grants.get(g.key))?.key, g.key);
    });

    contractIt(ref, 'consumes a grant once and reports later consumes as already consumed', async ({ grants }) => {
      const g = grant();
      await grants.store(g);
      const now = nowSeconds();
      const first = await grants.consume(g.key, now);
      assert.equal(first.status, 'consumed');
      assert.deepEqual(first.status === 'consumed' && first.grant, { ...g, consumedAt: now });
      const second = await grants.consume(g.key, now + 5);
      assert.equal(second.status, 'already-consumed');
      assert.equal(second.status === 'already-consumed' && second.grant.consumedAt, now);
      assert.deepEqual(await grants.consume(uid(), now), { status: 'not-found' });
    });

    contractIt(ref, 'rotate consumes the old grant and stores its successor', async ({ grants }) => {
      const old = grant({ type: 'refresh_token' });
      const next = grant({ type: 'refresh_token', familyId: old.familyId });
      await grants.store(old);
      const now = nowSeconds();
      const r = await grants.rotate(old.key, next, now);
      assert.equal(r.status, 'consumed');
      assert.equal((await grants.get(old.key))?.consumedAt, now);
      assert.deepEqual(await grants.get(next.key), next);
    });

    contractIt(ref, 'rotate of a consumed grant stores nothing outside the grace window', async ({ grants }) => {
      const old = grant({ type: 'refresh_token' });
      await grants.store(old);
      const now = nowSeconds();
      await grants.consume(old.key, now - 60);
      const next = grant({ type: 'refresh_token' });
      const r = await grants.rotate(old.key, next, now, now - 30);
      assert.equal(r.status, 'already-consumed');
      assert.equal(await grants.get(next.key), undefined);
      const noGrace = grant();
      assert.equal((await grants.rotate(old.key, noGrace, now)).status, 'already-consumed');
      assert.equal(await grants.get(noGrace.key), undefined);
    });

    contractIt(ref, 'rotate of a grant consumed inside the grace window stores the successor', async ({ grants }) => {
      const old = grant({ type: 'refresh_token' });
      await grants.store(old);
      const now = nowSeconds();
      await grants.consume(old.key, now - 10);
      const next = grant({ type: 'refresh_token' });
      const r = await grants.rotate(old.key, next, now, now - 10);
      assert.equal(r.status, 'already-consumed');
      assert.deepEqual(await grants.get(next.key), next);
    });

    contractIt(ref, 'rotate of an unknown grant returns not-found and stores nothing', async ({ grants }) => {
      const next = grant();
      assert.deepEqual(await grants.rotate(uid(), next, nowSeconds(), 0), { status: 'not-found' });
      assert.equal(await grants.get(next.key), undefined);
    });

    contractIt(ref, 'update changes data and expiry and returns false for an unknown key', async ({ grants }) => {
      const g = grant();
      await grants.store(g);
      assert.equal(await grants.update(g.key, { data: 'slid' }), true);
      assert.equal(await grants.update(g.key, { data: 'slid' }), true);
      assert.equal(await grants.update(g.key, { expiresAt: 42 }), true);
      assert.deepEqual(await grants.get(g.key), { ...g, data: 'slid', expiresAt: 42 });
      assert.equal(await grants.update(uid(), { data: 'x' }), false);
    });

    contractIt(ref, 'remove deletes one grant and reports whether it existed', async ({ grants }) => {
      const g = grant();
      await grants.store(g);
      assert.equal(await grants.remove(g.key), true);
      assert.equal(await grants.remove(g.key), false);
      assert.equal(await grants.get(g.key), undefined);
    });

    contractIt(ref, 'lists and removes grants by every filter field and their combination', async ({ grants }) => {
      const subject = uid('sub-');
      const family = uid('fam-');
      const session = uid('sid-');
      const client = uid('client-');
      const a = grant({ subjectId: subject, familyId: family, sessionId: session, clientId: client });
      const b = grant({ subjectId: subject, type: 'refresh_token', familyId: family, clientId: client });
      const c = grant({ subjectId: subject, type: 'user_consent', sessionId: session });
      const other = grant({ clientId: client });
      for (const g of [a, b, c, other]) await grants.store(g);
      const keys = async (f: Parameters<typeof grants.list>[0]) => (await grants.list(f)).map((g) => g.key).sort();
      assert.deepEqual(await keys({ subjectId: subject }), [a.key, b.key, c.key].sort());
      assert.deepEqual(await keys({ familyId: family }), [a.key, b.key].sort());
      assert.deepEqual(await keys({ sessionId: session }), [a.key, c.key].sort());
      assert.deepEqual(await keys({ clientId: client }), [a.key, b.key, other.key].sort());
      assert.deepEqual(await keys({ subjectId: subject, type: 'user_consent' }), [c.key]);
      assert.deepEqual(await keys({ subjectId: subject, clientId: client, type: 'refresh_token' }), [b.key]);
      await assert.rejects(grants.list({}));
      await assert.rejects(grants.removeAll({}));
      assert.equal(await grants.removeAll({ familyId: family }), 2);
      assert.equal(await grants.removeAll({ subjectId: subject, type: 'refresh_token' }), 0);
      assert.deepEqual(await keys({ subjectId: subject }), [c.key]);
      assert.equal(await grants.removeAll({ clientId: client }), 1);
      assert.ok(await grants.get(c.key));
    });

    contractIt(
      ref,
      'removeExpired deletes expired grants in bounded batches and keeps the rest',
      async ({ grants }) => {
        const now = nowSeconds();
        await drain(() => grants.removeExpired(now, 1000));
        const expired = Array.from({ length: 7 }, () => grant({ expiresAt: now - 5 }));
        const live = [grant({ expiresAt: now + 100 }), grant({ expiresAt: now }), grant({ expiresAt: undefined })];
        delete live[2]!.expiresAt;
        for (const g of [...expired, ...live]) await grants.store(g);
        assert.equal(await grants.removeExpired(now, 3), 3);
        assert.equal(await grants.removeExpired(now, 3), 3);
        assert.equal(await grants.removeExpired(now, 3), 1);
        assert.equal(await grants.removeExpired(now, 3), 0);
        for (const g of expired) assert.equal(await grants.get(g.key), undefined);
        for (const g of live) assert.ok(await grants.get(g.key));
      },
    );
  });
}
