import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { SECRET, startTestServer, TEST_ISSUER, type TestServer, webClient } from '../../server/test-server.case.js';
import { dpopProof, newProofKey, type ProofKey } from '../common/dpop/proof.case.js';

// RFC 9449 §5: a public client's refresh token is bound to its DPoP key; a confidential client's
// is not, and each new access token is bound to the key of the refresh request's proof.
describe('refresh tokens and DPoP', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer([webClient('spa', { clientSecrets: [], requireClientSecret: false }), webClient('web')]);
  });
  after(() => t.close());

  const proof = (key: ProofKey) => ({
    dpop: dpopProof(key, { htm: 'POST', htu: `${TEST_ISSUER}/connect/token`, iat: t.clock.now }),
  });

  async function post(clientId: string, form: Record<string, string>, key?: ProofKey) {
    const auth: Record<string, string> =
      clientId === 'spa' ? { client_id: clientId } : { client_id: clientId, client_secret: SECRET };
    return t.request('POST', '/connect/token', { form: { ...auth, ...form }, headers: key ? proof(key) : {} });
  }

  async function signIn(clientId: string, key: ProofKey) {
    const { code, verifier, payload } = await t.code(clientId);
    const r = await post(
      clientId,
      { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: payload.redirectUri! },
      key,
    );
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.token_type, 'DPoP');
    return r.body;
  }

  it('binds a public client refresh token to the key: same key works, another key or none fails', async () => {
    const key = newProofKey();
    const first = await signIn('spa', key);
    const rt = String(first.refresh_token);
    const none = await post('spa', { grant_type: 'refresh_token', refresh_token: rt });
    assert.equal(none.body.error, 'invalid_grant');
    const other = await post('spa', { grant_type: 'refresh_token', refresh_token: rt }, newProofKey());
    assert.equal(other.body.error, 'invalid_grant');
    const ok = await post('spa', { grant_type: 'refresh_token', refresh_token: rt }, key);
    assert.equal(ok.status, 200, 'the failed attempts did not consume or revoke the token');
    assert.equal(ok.body.token_type, 'DPoP');
    assert.deepEqual(decodeJwt(String(ok.body.access_token)).cnf, { jkt: key.jkt });
  });

  it('lets a confidential client refresh with another key and binds the new access token to it', async () => {
    const first = await signIn('web', newProofKey());
    const next = newProofKey();
    const r = await post('web', { grant_type: 'refresh_token', refresh_token: String(first.refresh_token) }, next);
    assert.equal(r.status, 200);
    assert.deepEqual(decodeJwt(String(r.body.access_token)).cnf, { jkt: next.jkt });
    const bearer = await post('web', { grant_type: 'refresh_token', refresh_token: String(r.body.refresh_token) });
    assert.equal(bearer.body.token_type, 'Bearer');
  });
});
