import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyManagementError } from './key-management-error.js';
import { DAY, fakeClock, instance, jwksKids, newStores, signsFor, testConfig, verifies } from './key-manager.case.js';
import type { KeyManager } from './key-manager.js';
import { signJwt } from './sign-jwt.js';

const storedIds = async (stores: ReturnType<typeof newStores>) =>
  (await stores.signingKeys.list()).map((k) => k.id).sort();

describe('automatic key rotation', () => {
  it('announces a successor at rotationInterval - propagationTime, switches at activation, retains, then deletes the old key', async () => {
    const stores = newStores();
    const clock = fakeClock();
    const keys = await instance(stores, clock);
    const first = keys.getSigningKey().kid;
    const v0 = keys.version;

    clock.advance(76 * DAY - 1);
    assert.equal(await keys.refresh(), false);
    assert.equal((await stores.signingKeys.list()).length, 1);
    assert.equal(keys.version, v0);

    clock.advance(1);
    assert.equal(await keys.refresh(), true);
    const v1 = keys.version;
    assert.notEqual(v1, v0);
    const next = keys.list().find((k) => k.status === 'next');
    assert.ok(next, 'the successor is announced');
    assert.equal(next.activatesAt, clock.now() + 14 * DAY);
    assert.deepEqual(jwksKids(keys).sort(), [first, next.kid].sort());
    assert.equal(keys.getSigningKey().kid, first, 'not yet signing with the successor');

    clock.advance(14 * DAY - 1);
    assert.equal(keys.getSigningKey().kid, first);
    clock.advance(1);
    assert.equal(keys.getSigningKey().kid, next.kid, 'switches at activation without a refresh');
    const v2 = keys.version;
    assert.notEqual(v2, v1);
    const old = keys.list().find((k) => k.kid === first);
    assert.equal(old?.status, 'retired');
    assert.equal(old?.retiresAt, clock.now());
    assert.equal(old?.expiresAt, clock.now() + 14 * DAY);
    assert.ok(keys.findValidationKey(first), 'the retired key still validates');
    assert.ok(jwksKids(keys).includes(first));

    clock.advance(14 * DAY);
    assert.ok(!jwksKids(keys).includes(first), 'gone from the JWKS after retention');
    assert.equal(keys.findValidationKey(first), undefined);
    assert.notEqual(keys.version, v2);
    await keys.refresh();
    assert.deepEqual(await storedIds(stores), [next.kid], 'deleted from the store');
  });

  it('keeps expired keys in the store, unpublished, when deleteRetiredKeys is false', async () => {
    const stores = newStores();
    const clock = fakeClock();
    const keys = await instance(stores, clock, { config: testConfig({ deleteRetiredKeys: false }) });
    const first = keys.getSigningKey().kid;
    clock.advance(76 * DAY);
    await keys.refresh();
    clock.advance(28 * DAY);
    await keys.refresh();
    assert.equal((await stores.signingKeys.list()).length, 2);
    assert.ok(!jwksKids(keys).includes(first));
    assert.equal(keys.list().find((k) => k.kid === first)?.status, 'expired');
  });

  it('forced rotate() on one instance is announced by the others on refresh before anyone signs with it', async () => {
    const stores = newStores();
    const clock = fakeClock();
    const a = await instance(stores, clock);
    const b = await instance(stores, clock);
    const old = a.getSigningKey().kid;
    clock.advance(DAY);
    const [created] = await a.rotate();
    assert.ok(created);
    assert.equal(created.status, 'next');
    assert.equal(created.activatesAt, clock.now() + 14 * DAY);
    assert.ok(jwksKids(a).includes(created.kid));
    assert.ok(!jwksKids(b).includes(created.kid), 'b has not refreshed yet');
    assert.equal(a.getSigningKey().kid, old);

    assert.equal(await b.refresh(), true);
    assert.ok(jwksKids(b).includes(created.kid));
    assert.equal(b.jwksJson(), a.jwksJson());
    assert.equal(b.getSigningKey().kid, old);

    clock.advance(14 * DAY);
    assert.equal(a.getSigningKey().kid, created.kid);
    assert.equal(b.getSigningKey().kid, created.kid);
    assert.ok(signsFor(a, b) && signsFor(b, a));
    assert.equal(a.list().find((k) => k.kid === old)?.status, 'retired');
  });

  it('key rotation forced on one instance is honoured by all, with zero validation failures during the switch', async () => {
    const stores = newStores();
    const clock = fakeClock();
    const config = testConfig({ rotationInterval: 4 * 3600, propagationTime: 3600, retentionDuration: 3600 });
    const nodes: KeyManager[] = [];
    for (let i = 0; i < 3; i++) nodes.push(await instance(stores, clock, { config }));
    const dueAt = nodes.map((n) => clock.now() + n.nextRefreshDelay());
    const issued: Array<{ token: string; exp: number }> = [];
    const kids = new Set<string>();
    let failures = 0;
    let rotatedKid: string | undefined;
    const end = clock.now() + 6 * 3600;
    while (clock.now() < end) {
      clock.advance(120);
      for (const [i, n] of nodes.entries()) {
        if (clock.now() >= dueAt[i]!) {
          await n.refresh();
          dueAt[i] = clock.now() + n.nextRefreshDelay();
        }
      }
      if (!rotatedKid && clock.now() >= end - 5 * 3600) rotatedKid = (await nodes[1]!.rotate())[0]!.kid;
      for (const n of nodes) {
        const key = n.getSigningKey();
        kids.add(key.kid);
        issued.push({ token: signJwt(key, { sub: 'alice' }), exp: clock.now() + 360 });
      }
      while (issued.length && issued[0]!.exp < clock.now()) issued.shift();
      for (const { token } of issued) for (const n of nodes) if (!verifies(token, n)) failures++;
    }
    assert.equal(failures, 0);
    assert.ok(rotatedKid && kids.has(rotatedKid), 'the forced key was used');
    assert.ok(kids.size >= 3, 'the scheduled rotation ran too');
  });

  it('immediate rotate() signs with the new key at once and deletes the previous keys', async () => {
    const stores = newStores();
    const clock = fakeClock();
    const a = await instance(stores, clock);
    const b = await instance(stores, clock);
    const old = a.getSigningKey().kid;
    const [created] = await a.rotate({ immediate: true });
    assert.equal(created?.status, 'current');
    assert.equal(a.getSigningKey().kid, created?.kid);
    assert.deepEqual(jwksKids(a), [created?.kid]);
    assert.deepEqual(await storedIds(stores), [created?.kid]);
    assert.equal(b.getSigningKey().kid, old, 'b signs with the deleted key until it refreshes');
    assert.ok(!signsFor(b, a));
    await b.refresh();
    assert.equal(b.getSigningKey().kid, created?.kid);
    assert.ok(signsFor(b, a));
  });

  it('rotate() fails with lock-timeout when another instance holds the lock', async () => {
    const stores = newStores();
    const clock = fakeClock();
    const keys = await instance(stores, clock, { lockWaitMs: 0 });
    await stores.locks.withLock('signing-keys', 60, async () => {
      await assert.rejects(keys.rotate(), (e) => e instanceof KeyManagementError && e.code === 'lock-timeout');
    });
  });

  it('asks to be refreshed often enough to create due keys and delete expired ones on time', async () => {
    const clock = fakeClock();
    const keys = await instance(newStores(), clock);
    assert.equal(keys.nextRefreshDelay(), 300);
    clock.advance(76 * DAY - 42);
    assert.equal(keys.nextRefreshDelay(), 42);
    const short = await instance(newStores(), clock, {
      config: testConfig({ rotationInterval: 4000, propagationTime: 400, retentionDuration: 400 }),
    });
    assert.equal(short.nextRefreshDelay(), 100, 'at most a quarter of propagationTime');
  });
});
