import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ServerContext } from '../context.js';
import type { IdentityServer } from '../server/types.js';
import { startSessionContext } from '../sessions/session.case.js';
import {
  openPendingAuthorization,
  openReturnUrl,
  PENDING_AUTHORIZATION_LIFETIME,
  type PendingAuthorization,
  pendingReturnUrl,
} from './pending-authorization.js';

describe('pending authorization requests sealed into return URLs', () => {
  let server: IdentityServer;
  let ctx: ServerContext;
  let clock: { now: number };
  before(async () => ({ server, ctx, clock } = await startSessionContext({}, 'https://op.test/tenant')));
  after(() => server.close());

  const pending = (parameters: Record<string, string>): PendingAuthorization => ({
    parameters,
    issuedAt: clock.now,
    expiresAt: clock.now + PENDING_AUTHORIZATION_LIFETIME,
  });

  it('seals the request into a local callback URL under the issuer path and opens it again', async () => {
    const url = await pendingReturnUrl(ctx, pending({ client_id: 'web', state: 's' }));
    assert.match(url, /^\/tenant\/connect\/authorize\/callback\?authz=v1\.[A-Za-z0-9_.-]+$/);
    assert.ok(!url.includes('client_id') && !url.includes('web'), 'the parameters are not readable in the URL');
    const opened = await openReturnUrl(ctx, url);
    assert.equal(opened.status, 'ok');
    assert.deepEqual(opened.status === 'ok' && opened.pending.parameters, { client_id: 'web', state: 's' });
  });

  it('parks a large request in the cache and keeps the URL short', async () => {
    const url = await pendingReturnUrl(ctx, pending({ client_id: 'web', id_token_hint: 'x'.repeat(4000) }));
    assert.ok(url.length < 400, String(url.length));
    const opened = await openReturnUrl(ctx, url);
    assert.equal(opened.status === 'ok' && opened.pending.parameters.id_token_hint?.length, 4000);
  });

  it('reports an expired request as expired, with its parameters, so the client can be answered', async () => {
    const url = await pendingReturnUrl(ctx, pending({ client_id: 'web' }));
    clock.now += PENDING_AUTHORIZATION_LIFETIME;
    const opened = await openReturnUrl(ctx, url);
    assert.equal(opened.status, 'expired');
    assert.equal(opened.status === 'expired' && opened.pending.parameters.client_id, 'web');
  });

  it('refuses tampered, foreign-purpose, repeated, relative-elsewhere and absolute return URLs', async () => {
    const url = await pendingReturnUrl(ctx, pending({ client_id: 'web' }));
    const sealed = url.split('authz=')[1]!;
    const otherPurpose = ctx.protection.createProtector('session-cookie').protect('{"parameters":{},"issuedAt":1}');
    for (const bad of [
      url.slice(0, -3) + 'AAA',
      `/tenant/connect/authorize/callback?authz=${otherPurpose}`,
      `${url}&authz=${sealed}`,
      `/connect/authorize/callback?authz=${sealed}`,
      `/tenant/account/login?authz=${sealed}`,
      `https://op.test${url}`,
      `//evil.example${url}`,
      undefined,
    ]) {
      assert.equal((await openReturnUrl(ctx, bad)).status, 'invalid', String(bad));
    }
    assert.equal((await openReturnUrl(ctx, `https://op.test${url}`, true)).status, 'ok');
    assert.equal((await openPendingAuthorization(ctx, '')).status, 'invalid');
  });
});
