import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerContext } from '../context.js';
import type { IdentityServer } from '../server/types.js';
import { cookieHeader, startSessionContext } from './session.case.js';
import { createSessionService } from './session-service.js';
import type { UserSession } from './types.js';

const LIFETIME = 36_000;

describe('login sessions', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  let clock: { now: number };
  let logs: Record<string, unknown>[];
  before(async () => ({ server, ctx, clock, logs } = await startSessionContext()));
  after(() => server.close());

  it('signs in with an HttpOnly, SameSite=None, Secure browser-session cookie on an https issuer', async () => {
    const sessions = createSessionService(ctx);
    const { session, cookies } = await sessions.signIn({ headers: {} }, { subjectId: 'alice', displayName: 'Alice' });
    assert.equal(cookies.length, 1);
    assert.match(cookies[0]!, /^sigil\.session=v1\.[^;]+; Path=\/; HttpOnly; SameSite=None; Secure$/);
    assert.equal(session.subjectId, 'alice');
    assert.deepEqual(session.amr, ['pwd']);
    assert.equal(session.idp, 'local');
    assert.equal(session.authTime, clock.now);
    assert.equal(session.expiresAt, clock.now + LIFETIME);
    assert.equal(session.persistent, false);
    const found = await sessions.getSession(cookieHeader(cookies));
    assert.equal(found.session?.sessionId, session.sessionId);
    const rows = await ctx.stores.sessions.list({ subjectId: 'alice' });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.displayName, 'Alice');
    assert.ok(!cookies[0]!.includes(rows[0]!.key), 'the cookie holds the key, the store only its hash');
  });

  it('makes the cookie persistent for "remember me"', async () => {
    const { cookies } = await createSessionService(ctx).signIn({ headers: {} }, { subjectId: 'bob', persistent: true });
    assert.match(cookies[0]!, new RegExp(`; Max-Age=${LIFETIME}; Expires=`));
  });

  it('treats a tampered or foreign cookie as signed out, clears it and logs a warning', async () => {
    const sessions = createSessionService(ctx);
    const other = await startSessionContext({}, 'https://op.test', 'another-app');
    try {
      const foreign = await createSessionService(other.ctx).signIn({ headers: {} }, { subjectId: 'alice' });
      logs.length = 0;
      const r = await sessions.getSession(cookieHeader(foreign.cookies));
      assert.equal(r.session, undefined);
      assert.match(r.cookies[0] ?? '', /^sigil\.session=; .*Max-Age=0/);
      assert.ok(logs.some((l) => /could not be unprotected/.test(String(l.msg))));
      const tampered = await sessions.getSession({ headers: { cookie: 'sigil.session=v1.k.AAAA' } });
      assert.equal(tampered.session, undefined);
    } finally {
      await other.server.close();
    }
  });

  it('ends a session at its expiry and removes it from the store', async () => {
    const sessions = createSessionService(ctx);
    const { cookies } = await sessions.signIn({ headers: {} }, { subjectId: 'carol' });
    clock.now += LIFETIME;
    const r = await sessions.getSession(cookieHeader(cookies));
    assert.equal(r.session, undefined);
    assert.equal((await ctx.stores.sessions.list({ subjectId: 'carol' })).length, 0);
  });

  it('keeps the sid but changes the cookie when the same user signs in again', async () => {
    const sessions = createSessionService(ctx);
    const first = await sessions.signIn({ headers: {} }, { subjectId: 'dave' });
    const withClient = await sessions.addClient(first.session, 'web');
    const second = await sessions.signIn(cookieHeader(first.cookies), { subjectId: 'dave' });
    assert.equal(second.session.sessionId, first.session.sessionId);
    assert.deepEqual(second.session.clientIds, withClient.session.clientIds);
    assert.notEqual(second.cookies[0], first.cookies[0]);
    assert.equal((await sessions.getSession(cookieHeader(first.cookies))).session, undefined);
    const other = await sessions.signIn(cookieHeader(second.cookies), { subjectId: 'erin' });
    assert.notEqual(other.session.sessionId, first.session.sessionId);
    assert.deepEqual(other.session.clientIds, []);
  });

  it('records each client once', async () => {
    const sessions = createSessionService(ctx);
    const { session, cookies } = await sessions.signIn({ headers: {} }, { subjectId: 'frank' });
    const once = await sessions.addClient(session, 'web');
    assert.deepEqual(once.session.clientIds, ['web']);
    const again = await sessions.addClient(once.session, 'web');
    assert.equal(again.session, once.session);
    assert.deepEqual((await sessions.getSession(cookieHeader(cookies))).session?.clientIds, ['web']);
  });

  it('signs out by removing the session and deleting the cookie', async () => {
    const sessions = createSessionService(ctx);
    const { cookies } = await sessions.signIn({ headers: {} }, { subjectId: 'grace' });
    const out = await sessions.signOut(cookieHeader(cookies));
    assert.equal(out.session?.subjectId, 'grace');
    assert.match(out.cookies[0]!, /Max-Age=0/);
    assert.equal((await sessions.getSession(cookieHeader(cookies))).session, undefined);
    const again = await sessions.signIn({ headers: {} }, { subjectId: 'grace' });
    const ended = await sessions.signOut(again.session);
    assert.equal(ended.session?.sessionId, again.session.sessionId);
    assert.equal((await sessions.getSession(cookieHeader(again.cookies))).session, undefined);
  });

  it('revokes sessions with their grants and calls the hook once with them', async () => {
    const seen: UserSession[][] = [];
    const sessions = createSessionService(ctx, (s) => {
      seen.push([...s]);
    });
    const a = await sessions.signIn({ headers: {} }, { subjectId: 'heidi' });
    const b = await sessions.signIn({ headers: {} }, { subjectId: 'heidi' });
    const grant = (key: string, sessionId: string) => ({
      key,
      type: 'refresh_token' as const,
      clientId: 'web',
      subjectId: 'heidi',
      sessionId,
      createdAt: clock.now,
      data: 'x',
    });
    await ctx.stores.grants.store(grant('g-a', a.session.sessionId));
    await ctx.stores.grants.store(grant('g-b', b.session.sessionId));
    assert.equal((await sessions.listSessions('heidi')).length, 2);
    const revoked = await sessions.revokeSessions({ sessionId: a.session.sessionId });
    assert.deepEqual(
      revoked.map((s) => s.sessionId),
      [a.session.sessionId],
    );
    assert.equal(await ctx.stores.grants.get('g-a'), undefined);
    assert.ok(await ctx.stores.grants.get('g-b'));
    assert.deepEqual(
      seen.map((s) => s.map((x) => x.sessionId)),
      [[a.session.sessionId]],
    );
    assert.equal((await sessions.getSession(cookieHeader(a.cookies))).session, undefined);
    await sessions.revokeSessions({ subjectId: 'heidi' });
    assert.deepEqual(await sessions.listSessions('heidi'), []);
    await assert.rejects(sessions.revokeSessions({}), TypeError);
  });
});

describe('login sessions with sliding expiry and without server-side sessions', () => {
  it('renews a sliding session once half of its lifetime has passed', async () => {
    const { server, ctx, clock } = await startSessionContext({ cookieSlidingExpiration: true, cookieLifetime: 1000 });
    try {
      const sessions = createSessionService(ctx);
      const { cookies, session } = await sessions.signIn({ headers: {} }, { subjectId: 'ivan', persistent: true });
      clock.now += 400;
      assert.equal((await sessions.getSession(cookieHeader(cookies))).session?.expiresAt, session.expiresAt);
      clock.now += 200;
      const renewed = await sessions.getSession(cookieHeader(cookies));
      assert.equal(renewed.session?.expiresAt, clock.now + 1000);
      assert.match(renewed.cookies[0] ?? '', /Max-Age=1000/);
      clock.now += 900;
      assert.equal((await sessions.getSession(cookieHeader(cookies))).session?.subjectId, 'ivan');
    } finally {
      await server.close();
    }
  });

  it('keeps the whole session in the protected cookie when server-side sessions are off', async () => {
    const { server, ctx } = await startSessionContext({ serverSideSessions: false }, 'http://localhost:5000');
    try {
      const sessions = createSessionService(ctx);
      const { cookies, session } = await sessions.signIn({ headers: {} }, { subjectId: 'judy' });
      assert.match(cookies[0]!, /; SameSite=Lax$/);
      assert.equal((await ctx.stores.sessions.list({ subjectId: 'judy' })).length, 0);
      const added = await sessions.addClient(session, 'web');
      assert.equal(added.cookies.length, 1);
      const read = await sessions.getSession(cookieHeader(added.cookies));
      assert.deepEqual(read.session?.clientIds, ['web']);
      assert.deepEqual(await sessions.listSessions('judy'), []);
    } finally {
      await server.close();
    }
  });
});
