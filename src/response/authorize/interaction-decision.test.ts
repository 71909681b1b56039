import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Consent } from '../../consent/consent-store.js';
import type { ServerContext } from '../../context.js';
import type { InteractionRuntime } from '../../interaction/runtime.js';
import { createSignInServices } from '../../server/sign-in-services.js';
import type { IdentityServer } from '../../server/types.js';
import { freezeSession } from '../../sessions/session-ticket.js';
import type { UserSession } from '../../sessions/types.js';
import { request, signIdToken, startAuthorizeContext, valid } from '../../validation/authorize/authorize.case.js';
import { decideInteraction, type InteractionDecision } from './interaction-decision.js';

describe('the interaction decision', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  let rt: InteractionRuntime;
  let consent: Consent | undefined;
  before(async () => {
    ({ server, ctx } = await startAuthorizeContext());
    rt = { ...createSignInServices(ctx).runtime, findConsent: async () => consent };
  });
  after(() => server.close());

  const session = (o: Partial<UserSession> = {}): UserSession =>
    freezeSession({
      sessionId: 'sid-1',
      subjectId: 'alice',
      authTime: ctx.now() - 600,
      amr: ['pwd'],
      idp: 'local',
      clientIds: [],
      createdAt: ctx.now() - 600,
      expiresAt: ctx.now() + 3600,
      persistent: false,
      ...o,
    });

  async function decide(
    query: Record<string, string | undefined>,
    s: UserSession | undefined,
    pending: Record<string, unknown> = {},
  ): Promise<InteractionDecision> {
    const r = await valid(ctx, request(query));
    return decideInteraction(rt, r, s, { parameters: {}, issuedAt: ctx.now(), expiresAt: ctx.now() + 60, ...pending });
  }
  const kind = (d: InteractionDecision) => (d.kind === 'error' ? `error:${d.error.error}` : d.kind);

  it('asks for a login without a session, or answers login_required for prompt=none', async () => {
    assert.equal(kind(await decide({}, undefined)), 'login');
    assert.equal(kind(await decide({ prompt: 'none' }, undefined)), 'error:login_required');
  });

  it('proceeds with the requested scopes for a valid session', async () => {
    const d = await decide({ scope: 'openid profile' }, session());
    assert.equal(d.kind, 'proceed');
    assert.deepEqual(d.kind === 'proceed' && d.scopes, ['openid', 'profile']);
  });

  it('forces a new login for prompt=login, select_account and an old max_age, unless the user just signed in', async () => {
    for (const q of [{ prompt: 'login' }, { prompt: 'select_account' }, { max_age: '60' }, { max_age: '0' }]) {
      assert.equal(kind(await decide(q, session())), 'login', JSON.stringify(q));
      const fresh = session({ authTime: ctx.now() });
      const marked = { authenticated: { sessionId: fresh.sessionId, authTime: fresh.authTime } };
      assert.equal(kind(await decide(q, fresh, marked)), 'proceed', JSON.stringify(q));
    }
    assert.equal(kind(await decide({ max_age: '3600' }, session())), 'proceed');
    assert.equal(
      kind(await decide({ prompt: 'select_account' }, session(), { selectedSubjectId: 'alice' })),
      'proceed',
    );
  });

  it('does not count a sign-in of another session in the same second as fresh', async () => {
    const s = session({ authTime: ctx.now() });
    assert.equal(
      kind(await decide({ prompt: 'login' }, s, { authenticated: { sessionId: 'other', authTime: s.authTime } })),
      'login',
    );
  });

  it('applies the client userSsoLifetime', async () => {
    assert.equal(kind(await decide({ client_id: 'short-sso' }, session())), 'login');
    assert.equal(kind(await decide({ client_id: 'short-sso' }, session({ authTime: ctx.now() - 30 }))), 'proceed');
  });

  it('asks for a login when the requested idp or the id_token_hint user differs, and for an inactive user', async () => {
    assert.equal(kind(await decide({ acr_values: 'idp:google' }, session())), 'login');
    assert.equal(kind(await decide({ acr_values: 'idp:local' }, session())), 'proceed');
    const hint = signIdToken(ctx, { sub: 'bob' });
    assert.equal(kind(await decide({ id_token_hint: hint }, session())), 'login');
    assert.equal(kind(await decide({ id_token_hint: hint, prompt: 'none' }, session())), 'error:login_required');
    const fresh = session({ authTime: ctx.now() + 1 });
    assert.equal(kind(await decide({ id_token_hint: hint }, fresh)), 'error:login_required');
    assert.equal(kind(await decide({}, session({ subjectId: 'deleted-user' }))), 'login');
  });

  it('sends a denial back to the client with its own error code', async () => {
    const d = await decide({}, session(), { denied: { error: 'account_selection_required', description: 'x' } });
    assert.equal(kind(d), 'error:account_selection_required');
  });

  it('asks for consent when required and not remembered, and never for prompt=none', async () => {
    consent = undefined;
    assert.equal(kind(await decide({ client_id: 'consenting' }, session())), 'consent');
    assert.equal(kind(await decide({ client_id: 'consenting', prompt: 'none' }, session())), 'error:consent_required');
    consent = { subjectId: 'alice', clientId: 'consenting', scopes: ['openid', 'profile'], createdAt: 0 };
    assert.equal(kind(await decide({ client_id: 'consenting' }, session())), 'proceed');
    assert.equal(kind(await decide({ client_id: 'consenting', scope: 'openid email' }, session())), 'consent');
    assert.equal(kind(await decide({ client_id: 'consenting', scope: 'openid offline_access' }, session())), 'consent');
    assert.equal(kind(await decide({ prompt: 'consent' }, session())), 'consent');
  });

  it('uses the consent given for this request, only for the user who gave it', async () => {
    consent = undefined;
    const given = { consent: { subjectId: 'alice', scopes: ['profile'] } };
    const d = await decide({ client_id: 'consenting', scope: 'openid profile email' }, session(), given);
    assert.deepEqual(d.kind === 'proceed' && d.scopes, ['openid', 'profile']);
    const other = { consent: { subjectId: 'bob', scopes: ['profile'] } };
    assert.equal(kind(await decide({ client_id: 'consenting' }, session(), other)), 'consent');
  });
});
