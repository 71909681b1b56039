import assert from 'node:assert/strict';
import { describe } from 'node:test';
import type { ContractOptions } from '../contract.case.js';
import type { DeviceCode, ServerSideSession } from '../types.js';
import { contractIt, drain, nowSeconds, type StoresRef, uid } from './support.case.js';

function session(overrides: Partial<ServerSideSession> = {}): ServerSideSession {
  const now = nowSeconds();
  return {
    key: uid('s-'),
    subjectId: uid('sub-'),
    sessionId: uid('sid-'),
    createdAt: now,
    renewedAt: now,
    data: 't',
    ...overrides,
  };
}

function device(overrides: Partial<DeviceCode> = {}): DeviceCode {
  const now = nowSeconds();
  return {
    key: uid('d-'),
    userCode: uid('U'),
    clientId: 'tv',
    createdAt: now,
    expiresAt: now + 600,
    status: 'pending',
    data: '{}',
    ...overrides,
  };
}

/** The ReplayCache, key store, session, PAR and device code parts of the contract. */
export function artifactCases(ref: StoresRef, options: ContractOptions = {}): void {
  describe('replay cache', () => {
    contractIt(ref, 'accepts an id once per purpose and rejects its replay', async ({ replay }) => {
      const id = uid();
      assert.equal(await replay.add('dpop', id, nowSeconds() + 60), true);
      assert.equal(await replay.add('dpop', id, nowSeconds() + 60), false);
      assert.equal(await replay.add('client_assertion', id, nowSeconds() + 60), true);
    });

    contractIt(ref, 'accepts an id again once its entry has expired', async ({ replay }) => {
      const id = uid();
      assert.equal(await replay.add('dpop', id, nowSeconds() - 10), true);
      assert.equal(await replay.add('dpop', id, nowSeconds() + 60), true);
      assert.equal(await replay.add('dpop', id, nowSeconds() + 60), false);
    });

    contractIt(ref, 'keeps ids of several hundred characters apart', async ({ replay }) => {
      const long = 'j'.repeat(600);
      assert.equal(await replay.add('dpop', `${long}a`, nowSeconds() + 60), true);
      assert.equal(await replay.add('dpop', `${long}b`, nowSeconds() + 60), true);
      assert.equal(await replay.add('dpop', `${long}a`, nowSeconds() + 60), false);
    });

    contractIt(ref, 'removeExpired deletes expired entries in batches', async ({ replay }) => {
      const now = nowSeconds();
      await drain(() => replay.removeExpired(now, 1000));
      for (let i = 0; i < 5; i++) await replay.add('p', uid(), now - 1);
      const live = uid();
      await replay.add('p', live, now + 60);
      const removed = await replay.removeExpired(now, 4);
      if (!(options.replayExpiresItself && removed === 0)) {
        assert.equal(removed, 4);
        assert.equal(await replay.removeExpired(now, 4), 1);
      }
      assert.equal(await replay.add('p', live, now + 60), false);
    });
  });

  describe('signing and protection keys', () => {
    contractIt(ref, 'adds, lists and removes signing keys and refuses a duplicate id', async ({ signingKeys }) => {
      const key = { id: uid('kid-'), alg: 'ES256', createdAt: 1700000000, data: 'pem', dataProtected: true };
      const plain = { ...key, id: uid('kid-'), dataProtected: false };
      assert.equal(await signingKeys.add(key), true);
      assert.equal(await signingKeys.add({ ...key, alg: 'RS256' }), false);
      assert.equal(await signingKeys.add(plain), true);
      const listed = await signingKeys.list();
      assert.deepEqual(
        listed.find((k) => k.id === key.id),
        key,
      );
      assert.deepEqual(
        listed.find((k) => k.id === plain.id),
        plain,
      );
      assert.equal(await signingKeys.remove(key.id), true);
      assert.equal(await signingKeys.remove(key.id), false);
      assert.equal(
        (await signingKeys.list()).some((k) => k.id === key.id),
        false,
      );
    });

    contractIt(ref, 'lists protection keys per application name', async ({ protectionKeys }) => {
      const app = uid('app-');
      const k1 = { id: uid(), applicationName: app, createdAt: 1, activatesAt: 2, expiresAt: 3, data: 'wrapped' };
      const k2 = { ...k1, id: uid() };
      const foreign = { ...k1, id: uid(), applicationName: uid('other-') };
      assert.equal(await protectionKeys.add(k1), true);
      assert.equal(await protectionKeys.add(k1), false);
      assert.equal(await protectionKeys.add(k2), true);
      assert.equal(await protectionKeys.add(foreign), true);
      const listed = (await protectionKeys.list(app)).sort((a, b) => a.id.localeCompare(b.id));
      assert.deepEqual(
        listed,
        [k1, k2].sort((a, b) => a.id.localeCompare(b.id)),
      );
    });
  });

  describe('server-side sessions', () => {
    contractIt(ref, 'creates, reads, updates and removes a session', async ({ sessions }) => {
      const s = session({ displayName: 'Alice', expiresAt: nowSeconds() + 3600 });
      await sessions.create(s);
      await assert.rejects(sessions.create(s));
      assert.deepEqual(await sessions.get(s.key), s);
      const renewed = { ...s, renewedAt: s.renewedAt + 60, expiresAt: s.expiresAt! + 60, data: 't2' };
      await sessions.update(renewed);
      assert.deepEqual(await sessions.get(s.key), renewed);
      assert.equal(await sessions.remove(s.key), true);
      assert.equal(await sessions.remove(s.key), false);
      assert.equal(await sessions.get(s.key), undefined);
    });

    contractIt(
      ref,
      'lists and removes sessions by subject and session id, returning the removed ones',
      async ({ sessions }) => {
        const subject = uid('sub-');
        const a = session({ subjectId: subject });
        const b = session({ subjectId: subject });
        const c = session();
        for (const s of [a, b, c]) await sessions.create(s);
        assert.deepEqual((await sessions.list({ subjectId: subject })).map((s) => s.key).sort(), [a.key, b.key].sort());
        assert.deepEqual(await sessions.list({ sessionId: c.sessionId }), [c]);
        assert.deepEqual(await sessions.list({ subjectId: subject, sessionId: c.sessionId }), []);
        await assert.rejects(sessions.removeAll({}));
        assert.deepEqual(await sessions.removeAll({ subjectId: subject, sessionId: a.sessionId }), [a]);
        assert.deepEqual(await sessions.removeAll({ subjectId: subject }), [b]);
        assert.deepEqual(await sessions.list({ subjectId: subject }), []);
      },
    );

    contractIt(ref, 'removeExpired removes and returns expired sessions in batches', async ({ sessions }) => {
      const now = nowSeconds();
      await drain(() => sessions.removeExpired(now, 1000));
      const expired = Array.from({ length: 3 }, () => session({ expiresAt: now - 1 }));
      const live = [session({ expiresAt: now + 60 }), session()];
      for (const s of [...expired, ...live]) await sessions.create(s);
      const first = await sessions.removeExpired(now, 2);
      const second = await sessions.removeExpired(now, 2);
      assert.equal(first.length, 2);
      assert.equal(second.length, 1);
      const removed = [...first, ...second].sort((x, y) => x.key.localeCompare(y.key));
      assert.deepEqual(
        removed,
        [...expired].sort((x, y) => x.key.localeCompare(y.key)),
      );
      for (const s of live) assert.ok(await sessions.get(s.key));
    });
  });

  describe('pushed authorization requests', () => {
    contractIt(ref, 'consumes a pushed request exactly once', async ({ pushedRequests }) => {
      const r = { key: uid(), clientId: 'c', expiresAt: nowSeconds() + 60, data: 'request' };
      await pushedRequests.store(r);
      await assert.rejects(pushedRequests.store(r));
      assert.deepEqual(await pushedRequests.consume(r.key, nowSeconds()), r);
      assert.equal(await pushedRequests.consume(r.key, nowSeconds()), undefined);
    });

    contractIt(ref, 'consumes a pushed request only for the client that pushed it', async ({ pushedRequests }) => {
      const r = { key: uid(), clientId: 'c', expiresAt: nowSeconds() + 60, data: 'request' };
      await pushedRequests.store(r);
      assert.equal(await pushedRequests.consume(r.key, nowSeconds(), 'other'), undefined);
      assert.deepEqual(await pushedRequests.consume(r.key, nowSeconds(), 'c'), r);
      assert.equal(await pushedRequests.consume(r.key, nowSeconds(), 'c'), undefined);
    });

    contractIt(ref, 'does not return an expired pushed request', async ({ pushedRequests }) => {
      const r = { key: uid(), clientId: 'c', expiresAt: nowSeconds() - 1, data: 'request' };
      await pushedRequests.store(r);
      assert.equal(await pushedRequests.consume(r.key, nowSeconds()), undefined);
    });

    contractIt(ref, 'removeExpired deletes expired pushed requests in batches', async ({ pushedRequests }) => {
      const now = nowSeconds();
      await drain(() => pushedRequests.removeExpired(now, 1000));
      for (let i = 0; i < 3; i++)
        await pushedRequests.store({ key: uid(), clientId: 'c', expiresAt: now - 1, data: '' });
      const live = { key: uid(), clientId: 'c', expiresAt: now + 60, data: '' };
      await pushedRequests.store(live);
      assert.equal(await pushedRequests.removeExpired(now, 2), 2);
      assert.equal(await pushedRequests.removeExpired(now, 2), 1);
      assert.deepEqual(await pushedRequests.consume(live.key, now), live);
    });
  });

  describe('device codes', () => {
    contractIt(
      ref,
      'finds a device code by key and by user code, and refuses a duplicate user code',
      async ({ deviceCodes }) => {
        const d = device();
        await deviceCodes.store(d);
        assert.deepEqual(await deviceCodes.get(d.key), d);
        assert.deepEqual(await deviceCodes.findByUserCode(d.userCode), d);
        assert.equal(await deviceCodes.findByUserCode(uid()), undefined);
        await assert.rejects(deviceCodes.store(device({ userCode: d.userCode })));
      },
    );

    contractIt(ref, 'updates status, subject, data and poll time by user code', async ({ deviceCodes }) => {
      const d = device();
      await deviceCodes.store(d);
      assert.equal(await deviceCodes.update(d.userCode, { lastPolledAt: 5 }), true);
      assert.equal(await deviceCodes.update(d.userCode, { status: 'approved', subjectId: 'alice', data: 'x' }), true);
      assert.deepEqual(await deviceCodes.get(d.key), {
        ...d,
        lastPolledAt: 5,
        status: 'approved',
        subjectId: 'alice',
        data: 'x',
      });
      assert.equal(await deviceCodes.update(uid(), { status: 'denied' }), false);
    });

    contractIt(ref, 'consumes only a decided device code, once', async ({ deviceCodes }) => {
      const d = device();
      await deviceCodes.store(d);
      assert.equal(await deviceCodes.consume(d.key), undefined);
      await deviceCodes.update(d.userCode, { status: 'denied' });
      assert.equal((await deviceCodes.consume(d.key))?.status, 'denied');
      assert.equal(await deviceCodes.consume(d.key), undefined);
      assert.equal(await deviceCodes.findByUserCode(d.userCode), undefined);
    });

    contractIt(ref, 'removeExpired deletes expired device codes in batches', async ({ deviceCodes }) => {
      const now = nowSeconds();
      await drain(() => deviceCodes.removeExpired(now, 1000));
      for (let i = 0; i < 3; i++) await deviceCodes.store(device({ expiresAt: now - 1 }));
      const live = device();
      await deviceCodes.store(live);
      assert.equal(await deviceCodes.removeExpired(now, 2), 2);
      assert.equal(await deviceCodes.removeExpired(now, 2), 1);
      assert.ok(await deviceCodes.get(live.key));
    });
  });
}
