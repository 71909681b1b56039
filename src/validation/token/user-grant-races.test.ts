import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SECRET, startTestServer, type TestServer, webClient } from '../../server/test-server.case.js';
import type { SqlDialectName } from '../../stores/sql/dialect.js';
import { throwawayStores } from '../../stores/sql/test-databases.case.js';

// The atomic consume and rotate of every store decide these races, so they run against each one.
for (const kind of ['memory', 'sqlite', 'postgres', 'mysql'] as const) {
  describe(`code and refresh races on the ${kind} store`, () => {
    let t: TestServer | undefined;
    before(async () => {
      const stores = kind === 'memory' ? undefined : await throwawayStores(kind as SqlDialectName);
      if (kind !== 'memory' && !stores) return;
      t = await startTestServer(
        [
          webClient('ref', { accessTokenType: 'reference' }),
          webClient('grace', { accessTokenType: 'reference', refreshTokenReuseGracePeriod: 10 }),
          webClient('sliding', {
            refreshTokenUsage: 'reUse',
            refreshTokenExpiration: 'sliding',
            slidingRefreshTokenLifetime: 30,
          }),
        ],
        stores ? { stores } : {},
      );
    });
    after(() => t?.close());

    const active = async (clientId: string, token: unknown) =>
      (
        await t!.request('POST', '/connect/introspect', {
          form: { token: String(token), client_id: clientId, client_secret: SECRET },
        })
      ).body.active === true;
    const refresh = (clientId: string, token: unknown) =>
      t!.token(clientId, { grant_type: 'refresh_token', refresh_token: String(token) });

    it('lets exactly one of 50 concurrent code redemptions succeed and revokes its tokens', async (c) => {
      if (!t) return c.skip(`${kind} is unavailable`);
      const { code, verifier } = await t.code('ref');
      const form = {
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: 'https://ref.example/cb',
      };
      const results = await Promise.all(Array.from({ length: 50 }, () => t!.token('ref', form)));
      const ok = results.filter((r) => r.status === 200);
      assert.equal(ok.length, 1);
      assert.ok(results.every((r) => r.status === 200 || r.body.error === 'invalid_grant'));
      assert.equal(await active('ref', ok[0]!.body.access_token), false);
      assert.equal((await refresh('ref', ok[0]!.body.refresh_token)).status, 400);
    });

    it('lets one of 20 concurrent refreshes succeed without grace, and revokes the family', async (c) => {
      if (!t) return c.skip(`${kind} is unavailable`);
      const first = await t.signIn('ref');
      const results = await Promise.all(Array.from({ length: 20 }, () => refresh('ref', first.refresh_token)));
      const ok = results.filter((r) => r.status === 200);
      assert.equal(ok.length, 1);
      assert.equal((await refresh('ref', ok[0]!.body.refresh_token)).status, 400);
    });

    it('gives each of 20 concurrent refreshes inside the grace window a working successor', async (c) => {
      if (!t) return c.skip(`${kind} is unavailable`);
      const first = await t.signIn('grace');
      const results = await Promise.all(Array.from({ length: 20 }, () => refresh('grace', first.refresh_token)));
      assert.ok(results.every((r) => r.status === 200));
      for (const r of results.slice(0, 3)) assert.equal((await refresh('grace', r.body.refresh_token)).status, 200);
      t.clock.now += 11;
      assert.equal((await refresh('grace', first.refresh_token)).body.error, 'invalid_grant');
      assert.equal((await refresh('grace', results[5]!.body.refresh_token)).body.error, 'invalid_grant');
    });

    it('slides a reUse token by updating its expiry in place', async (c) => {
      if (!t) return c.skip(`${kind} is unavailable`);
      const first = await t.signIn('sliding');
      for (let i = 0; i < 3; i++) {
        t.clock.now += 20;
        assert.equal((await refresh('sliding', first.refresh_token)).status, 200);
      }
      t.clock.now += 31;
      assert.equal((await refresh('sliding', first.refresh_token)).body.error, 'invalid_grant');
    });
  });
}
