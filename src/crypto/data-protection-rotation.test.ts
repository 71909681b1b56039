/**
 * The data-protection ring rotates every 90 days (ASP.NET's default key lifetime), its successor
 * created ahead of time so every instance has it before it is used, and data protected under any
 * earlier key still decrypts.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { createMemoryStores } from '../stores/memory/memory-stores.js';
import { createDataProtection, DEFAULT_KEY_LIFETIME } from './data-protection.js';

const DAY = 86_400;
const keyIdOf = (protectedText: string) => protectedText.split('.')[1]!;

describe('data-protection key rotation', () => {
  it('has a 90-day default key lifetime', () => {
    assert.equal(DEFAULT_KEY_LIFETIME, 90 * DAY);
  });

  it('uses a new key every 90 days, announced ahead, and still decrypts everything protected before', async () => {
    const stores = createMemoryStores();
    const master = randomBytes(32);
    let t = 1_750_000_000;
    const start = t;
    const open = () =>
      createDataProtection({
        store: stores.protectionKeys,
        locks: stores.locks,
        applicationName: 'rotation',
        masterKey: master,
        now: () => t,
      });
    const a = await open();
    const b = await open();
    const history: Array<{ day: number; text: string; plain: string; keyId: string }> = [];

    // A year and a half of daily refreshes on both instances (the job runs hourly), protecting daily.
    for (let day = 0; day <= 540; day++) {
      t = start + day * DAY;
      await a.refresh();
      await b.refresh();
      const plain = `day ${day}`;
      const text = (day % 2 ? a : b).createProtector('grants').protect(plain);
      history.push({ day, text, plain, keyId: keyIdOf(text) });
    }

    // One key per 90-day period, switched at exactly the period boundary.
    const keyOfDay = history.map((h) => h.keyId);
    const periods = [...new Set(keyOfDay)];
    assert.equal(periods.length, 7, 'days 0..540 span 7 periods of 90 days');
    for (const h of history) assert.equal(h.keyId, periods[Math.floor(h.day / 90)], `day ${h.day} used the wrong key`);

    // Every successor existed (in the store and in both rings) before its first use.
    const ring = a.keys();
    for (let i = 1; i < periods.length; i++) {
      const k = ring.find((x) => x.id === periods[i])!;
      assert.equal(k.activatesAt, start + i * 90 * DAY);
      assert.equal(k.expiresAt - k.activatesAt, 90 * DAY);
      assert.ok(k.createdAt < k.activatesAt, `key ${i} was created only when it was needed`);
    }
    assert.deepEqual(
      b.keys().map((k) => k.id),
      ring.map((k) => k.id),
    );

    // Everything ever protected still reads, on both instances and on one started now.
    const c = await open();
    for (const dp of [a, b, c])
      for (const h of history) assert.equal(dp.createProtector('grants').unprotect(h.text), h.plain);
  });

  it('an instance that missed the rotation reads data protected with the new key after reloading', async () => {
    const stores = createMemoryStores();
    const master = randomBytes(32);
    let t = 1_750_000_000;
    const open = () =>
      createDataProtection({
        store: stores.protectionKeys,
        locks: stores.locks,
        applicationName: 'late',
        masterKey: master,
        now: () => t,
      });
    const active = await open();
    const stale = await open();
    t += 89 * DAY;
    await active.refresh();
    t += 2 * DAY;
    const text = active.createProtector('p').protect('new era');
    assert.notEqual(keyIdOf(text), stale.keys()[0]!.id);
    // The stale instance never refreshed: its first attempt fails and triggers a reload.
    assert.throws(() => stale.createProtector('p').unprotect(text), { code: 'key-not-found' });
    await stale.refresh();
    assert.equal(stale.createProtector('p').unprotect(text), 'new era');
  });
});
