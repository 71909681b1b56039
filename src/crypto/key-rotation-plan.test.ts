import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type KeyMeta, planKeyRotation } from './key-rotation-plan.js';

const DAY = 86_400;
const S = {
  algorithms: ['RS256', 'ES256'],
  rotationInterval: 90 * DAY,
  propagationTime: 14 * DAY,
  retentionDuration: 14 * DAY,
};
const T0 = 1_000 * DAY;
const a: KeyMeta = { id: 'a', alg: 'RS256', createdAt: T0 };
const b: KeyMeta = { id: 'b', alg: 'RS256', createdAt: T0 + 76 * DAY };

describe('planKeyRotation', () => {
  it('marks every algorithm due on an empty store', () => {
    const plan = planKeyRotation([], S, T0);
    assert.deepEqual(plan.due, ['RS256', 'ES256']);
    assert.equal(plan.current.size, 0);
  });

  it('lets the first key sign from its creation and makes its successor due at rotationInterval - propagationTime', () => {
    const plan = planKeyRotation([a], { ...S, algorithms: ['RS256'] }, T0);
    assert.equal(plan.current.get('RS256')?.id, 'a');
    assert.equal(plan.keys[0]?.activatesAt, T0);
    assert.deepEqual(plan.due, []);
    assert.equal(plan.nextDue, T0 + 76 * DAY);
    assert.deepEqual(planKeyRotation([a], { ...S, algorithms: ['RS256'] }, T0 + 76 * DAY).due, ['RS256']);
  });

  it('announces the successor, switches at its activation, retains the old key, then expires it', () => {
    const s = { ...S, algorithms: ['RS256'] };
    const announced = planKeyRotation([a, b], s, T0 + 76 * DAY);
    assert.equal(announced.current.get('RS256')?.id, 'a');
    assert.deepEqual(
      announced.keys.map((k) => [k.id, k.status, k.activatesAt, k.retiresAt, k.expiresAt]),
      [
        ['a', 'current', T0, T0 + 90 * DAY, T0 + 104 * DAY],
        ['b', 'next', T0 + 90 * DAY, undefined, undefined],
      ],
    );
    assert.equal(announced.nextTransition, T0 + 90 * DAY);
    const switched = planKeyRotation([a, b], s, T0 + 90 * DAY);
    assert.equal(switched.current.get('RS256')?.id, 'b');
    assert.equal(switched.keys[0]?.status, 'retired');
    assert.equal(switched.nextTransition, T0 + 104 * DAY);
    assert.equal(planKeyRotation([a, b], s, T0 + 104 * DAY).keys[0]?.status, 'expired');
  });

  it('does not depend on the order the store lists keys in, and breaks creation-time ties by kid', () => {
    const twin: KeyMeta = { id: '0', alg: 'RS256', createdAt: T0 + 76 * DAY };
    const at = T0 + 91 * DAY;
    const one = planKeyRotation([b, a, twin], S, at);
    const two = planKeyRotation([twin, a, b], S, at);
    assert.deepEqual(one, two);
    assert.equal(one.current.get('RS256')?.id, 'b');
    assert.equal(one.keys.find((k) => k.id === '0')?.status, 'retired');
  });

  it('keeps the oldest key signing when no later key has activated (a key from a clock ahead of ours)', () => {
    const ahead: KeyMeta = { id: 'x', alg: 'ES256', createdAt: T0 + 60 };
    const plan = planKeyRotation([ahead], S, T0);
    assert.equal(plan.current.get('ES256')?.id, 'x');
  });

  it('ignores keys of algorithms that are not configured', () => {
    const plan = planKeyRotation([{ id: 'p', alg: 'PS256', createdAt: T0 }], S, T0);
    assert.equal(plan.keys.length, 0);
    assert.deepEqual(plan.due, ['RS256', 'ES256']);
  });

  it('a forced rotation signs with the newest key once it has propagated, before the old key reaches rotationInterval', () => {
    const forced: KeyMeta = { id: 'f', alg: 'RS256', createdAt: T0 + 10 * DAY };
    const s = { ...S, algorithms: ['RS256'] };
    assert.equal(planKeyRotation([a, forced], s, T0 + 24 * DAY - 1).current.get('RS256')?.id, 'a');
    assert.equal(planKeyRotation([a, forced], s, T0 + 24 * DAY).current.get('RS256')?.id, 'f');
    assert.equal(planKeyRotation([a, forced], s, T0 + 24 * DAY).nextDue, T0 + 86 * DAY);
  });
});
