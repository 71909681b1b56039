import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { SECRET, startTestServer, TEST_ISSUER, type TestServer, webClient } from '../../server/test-server.case.js';
import { dpopProof, newProofKey, type ProofKey } from '../common/dpop/proof.case.js';

describe('the authorization_code grant', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer([
      webClient('web'),
      webClient('ref', { accessTokenType: 'reference' }),
      webClient('other'),
      webClient('spa', { clientSecrets: [], requireClientSecret: false }),
      webClient('nopkce', { requirePkce: false }),
      webClient('nooffline', { allowOfflineAccess: false }),
      webClient('hybrid', { allowedGrantTypes: ['hybrid'] }),
      {
        clientId: 'machine',
        clientSecrets: [{ value: 'x' }],
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read'],
      },
    ]);
  });
  after(() => t.close());

  const redeem = (clientId: string, form: Record<string, string | string[]>, isPublic = false) =>
    t.token(clientId, { grant_type: 'authorization_code', ...form }, isPublic);

  it('issues an access token with the user, an RFC 9068 audience and the API user claims', async () => {
    const { code, verifier } = await t.code('web');
    const r = await redeem('web', { code, code_verifier: verifier, redirect_uri: 'https://web.example/cb' });
    assert.equal(r.status, 200);
    assert.equal(r.body.token_type, 'Bearer');
    assert.equal(r.body.scope, 'openid profile orders.read offline_access');
    assert.equal(typeof r.body.refresh_token, 'string');
    assert.equal(typeof r.body.id_token, 'string');
    const at = decodeJwt(String(r.body.access_token));
    assert.equal(at.sub, 'alice');
    assert.equal(at.aud, 'orders');
    assert.equal(at.sid, 'session-1');
    assert.deepEqual(at.amr, ['pwd']);
    assert.equal(at.idp, 'local');
    assert.equal(at.tenant, 'acme', 'the API scope asks for tenant');
    assert.equal(at.role, 'admin', 'the API resource asks for role');
    assert.equal(at.email, undefined, 'identity claims stay out of access tokens');
  });

  it('redeems a code for a hybrid client and for a public client without a secret', async () => {
    const h = await t.code('hybrid');
    const rh = await redeem('hybrid', {
      code: h.code,
      code_verifier: h.verifier,
      redirect_uri: h.payload.redirectUri!,
    });
    assert.equal(rh.status, 200);
    const s = await t.code('spa');
    const rs = await redeem(
      'spa',
      { code: s.code, code_verifier: s.verifier, redirect_uri: s.payload.redirectUri! },
      true,
    );
    assert.equal(rs.status, 200);
  });

  it('answers unauthorized_client for a client without the code flow', async () => {
    const r = await t.request('POST', '/connect/token', {
      form: { grant_type: 'authorization_code', code: 'x', client_id: 'machine', client_secret: 'x' },
    });
    assert.equal(r.body.error, 'unauthorized_client');
  });

  it('issues no refresh token without offline_access or when the client is not allowed offline access', async () => {
    const a = await t.signIn('web', { scopes: ['openid', 'orders.read'] });
    assert.equal(a.refresh_token, undefined);
    const b = await t.signIn('nooffline');
    assert.equal(b.refresh_token, undefined);
    assert.equal(b.scope, 'openid profile orders.read');
  });

  it('issues no ID token when openid was not granted', async () => {
    const r = await t.signIn('web', { scopes: ['orders.read'] });
    assert.equal(r.id_token, undefined);
    assert.equal(typeof r.access_token, 'string');
  });

  it('rejects an unknown code and an expired code with invalid_grant', async () => {
    const unknown = await redeem('web', { code: 'not-a-code', code_verifier: 'v'.repeat(43) });
    assert.equal(unknown.body.error, 'invalid_grant');
    const { code, verifier } = await t.code('web', { expiresAt: t.clock.now + 10 });
    t.clock.now += 11;
    try {
      const r = await redeem('web', { code, code_verifier: verifier, redirect_uri: 'https://web.example/cb' });
      assert.equal(r.status, 400);
      assert.equal(r.body.error, 'invalid_grant');
    } finally {
      t.clock.now -= 11;
    }
  });

  it('rejects a code presented by another client without consuming it, so its own client still redeems it', async () => {
    const { code, verifier } = await t.code('web');
    const form = { code, code_verifier: verifier, redirect_uri: 'https://web.example/cb' };
    const stolen = await redeem('other', form);
    assert.equal(stolen.body.error, 'invalid_grant');
    assert.match(String(stolen.body.error_description), /not issued to this client/);
    const mine = await redeem('web', form);
    assert.equal(mine.status, 200);
  });

  it('requires the exact redirect_uri of the authorization request', async () => {
    const { code, verifier } = await t.code('web');
    const missing = await redeem('web', { code, code_verifier: verifier });
    assert.equal(missing.body.error, 'invalid_request');
    for (const uri of ['https://web.example/cb/', 'https://WEB.example/cb', 'https://web.example/cb?x=1']) {
      const r = await redeem('web', { code, code_verifier: verifier, redirect_uri: uri });
      assert.equal(r.body.error, 'invalid_grant', uri);
    }
    const ok = await redeem('web', { code, code_verifier: verifier, redirect_uri: 'https://web.example/cb' });
    assert.equal(ok.status, 200, 'failed attempts do not consume the code');
  });

  it('does not require redirect_uri when the authorization request had none', async () => {
    const { code, verifier } = await t.code('web', { redirectUri: undefined });
    const r = await redeem('web', { code, code_verifier: verifier });
    assert.equal(r.status, 200);
  });

  it('refuses to issue tokens for a user the profile service says is inactive', async () => {
    t.users.get('alice')!.active = false;
    try {
      const { code, verifier } = await t.code('web');
      const r = await redeem('web', { code, code_verifier: verifier, redirect_uri: 'https://web.example/cb' });
      assert.equal(r.body.error, 'invalid_grant');
    } finally {
      t.users.get('alice')!.active = true;
    }
  });

  it('redeems a code bound with dpop_jkt only with a proof by that key (RFC 9449 §10)', async () => {
    const key = newProofKey();
    const { code, verifier } = await t.code('web', { dpopJkt: key.jkt });
    const form = { code, code_verifier: verifier, redirect_uri: 'https://web.example/cb' };
    const none = await redeem('web', form);
    assert.equal(none.body.error, 'invalid_grant');
    const proof = (k: ProofKey) => ({
      dpop: dpopProof(k, { htm: 'POST', htu: `${TEST_ISSUER}/connect/token`, iat: t.clock.now }),
    });
    const withOther = await t.request('POST', '/connect/token', {
      form: { client_id: 'web', client_secret: SECRET, grant_type: 'authorization_code', ...form },
      headers: proof(newProofKey()),
    });
    assert.equal(withOther.body.error, 'invalid_grant');
    const ok = await t.request('POST', '/connect/token', {
      form: { client_id: 'web', client_secret: SECRET, grant_type: 'authorization_code', ...form },
      headers: proof(key),
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.token_type, 'DPoP');
    assert.deepEqual(decodeJwt(String(ok.body.access_token)).cnf, { jkt: key.jkt });
  });
});
