import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SECRET, startTestServer, type TestServer, webClient } from '../../server/test-server.case.js';

describe('authorization code replay and races', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer([webClient('ref', { accessTokenType: 'reference' }), webClient('other')]);
  });
  after(() => t.close());

  async function introspect(token: string): Promise<boolean> {
    const r = await t.request('POST', '/connect/introspect', {
      form: { token, client_id: 'ref', client_secret: SECRET },
    });
    assert.equal(r.status, 200);
    return r.body.active === true;
  }

  async function refreshWorks(refreshToken: string): Promise<boolean> {
    const r = await t.token('ref', { grant_type: 'refresh_token', refresh_token: refreshToken });
    return r.status === 200;
  }

  it('rejects a reused authorization code with invalid_grant and revokes the tokens issued from it', async () => {
    const { code, verifier } = await t.code('ref');
    const form = {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: 'https://ref.example/cb',
    };
    const first = await t.token('ref', form);
    assert.equal(first.status, 200);
    const at = String(first.body.access_token);
    assert.equal(await introspect(at), true);
    const replay = await t.token('ref', form);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error, 'invalid_grant');
    assert.equal(replay.body.error_description, '"code" has already been used');
    assert.equal(await introspect(at), false, 'the reference access token is revoked');
    assert.equal(await refreshWorks(String(first.body.refresh_token)), false, 'the refresh token is revoked');
    const third = await t.token('ref', form);
    assert.equal(third.body.error, 'invalid_grant');
  });

  it('does not revoke anything when another client replays a used code', async () => {
    const { code, verifier } = await t.code('ref');
    const form = {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: 'https://ref.example/cb',
    };
    const first = await t.token('ref', form);
    const replay = await t.token('other', form);
    assert.equal(replay.body.error, 'invalid_grant');
    assert.equal(await introspect(String(first.body.access_token)), true);
  });

  it('does not revoke anything when a used code is replayed without its verifier', async () => {
    const { code, verifier } = await t.code('ref');
    const form = { grant_type: 'authorization_code', code, redirect_uri: 'https://ref.example/cb' };
    const first = await t.token('ref', { ...form, code_verifier: verifier });
    const replay = await t.token('ref', form);
    assert.equal(replay.body.error, 'invalid_grant');
    assert.equal(await introspect(String(first.body.access_token)), true);
    const wrong = await t.token('ref', { ...form, code_verifier: 'w'.repeat(43) });
    assert.equal(wrong.body.error, 'invalid_grant');
    assert.equal(await introspect(String(first.body.access_token)), true);
  });

  it('lets exactly one of 50 concurrent redemptions of one code succeed, and revokes what it issued', async () => {
    const { code, verifier } = await t.code('ref');
    const form = {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: 'https://ref.example/cb',
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => t.token('ref', form)));
    const ok = results.filter((r) => r.status === 200);
    assert.equal(ok.length, 1);
    for (const r of results.filter((x) => x.status !== 200)) assert.equal(r.body.error, 'invalid_grant');
    assert.equal(await introspect(String(ok[0]!.body.access_token)), false);
    assert.equal(await refreshWorks(String(ok[0]!.body.refresh_token)), false);
  });

  it('raises TokenIssuedFailure for a replay and TokenIssuedSuccess with masked tokens for a redemption', async () => {
    t.events.length = 0;
    const { code, verifier } = await t.code('ref');
    const form = {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: 'https://ref.example/cb',
    };
    const ok = await t.token('ref', form);
    await t.token('ref', form);
    const success = t.events.find((e) => e.name === 'TokenIssuedSuccess');
    assert.ok(success && success.name === 'TokenIssuedSuccess');
    assert.equal(success.grantType, 'authorization_code');
    assert.equal(success.subjectId, 'alice');
    assert.deepEqual(
      success.tokens.map((x) => x.tokenType),
      ['access_token', 'refresh_token', 'id_token'],
    );
    for (const x of success.tokens) assert.match(x.tokenValue, /^\*\*\*\*.{4}$/);
    assert.ok(!JSON.stringify(t.events).includes(String(ok.body.access_token)));
    const failure = t.events.find((e) => e.name === 'TokenIssuedFailure');
    assert.ok(failure && failure.name === 'TokenIssuedFailure');
    assert.equal(failure.error, 'invalid_grant');
  });
});
