import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS } from '../host/form.js';
import { authenticateClient } from './authenticate-client.js';
import { BASIC_CHALLENGE } from './failure.js';
import { basicHeader, createTestContext, hashedSecret, oauthError, tokenRequest } from './test-context.case.js';

// RFC 6749 §2.3.1 and Appendix B: Basic carries form-url-encoded client_id and secret.
const WEIRD_ID = 'my:client id/é';
const WEIRD_SECRET = 'p@ss:w%rd+&=x é';
const { ctx } = createTestContext({
  clients: [
    { clientId: 'svc', clientSecrets: [{ value: hashedSecret('s3cret') }], allowedGrantTypes: ['client_credentials'] },
    {
      clientId: WEIRD_ID,
      clientSecrets: [{ value: hashedSecret(WEIRD_SECRET) }],
      allowedGrantTypes: ['client_credentials'],
    },
    { clientId: 'plus', clientSecrets: [{ value: hashedSecret('a b') }], allowedGrantTypes: ['client_credentials'] },
  ],
});

function withAuthorization(authorization: string | string[], body: Record<string, string> = {}) {
  const { req, params } = tokenRequest({ headers: { authorization }, body });
  return authenticateClient(req, params, ctx);
}
const raw = (text: string) => `Basic ${Buffer.from(text, 'utf8').toString('base64')}`;

async function malformed(authorization: string, detail: RegExp): Promise<void> {
  const e = await oauthError(() => withAuthorization(authorization), 'invalid_client');
  assert.equal(e.status, 401);
  assert.equal(e.headers['www-authenticate'], BASIC_CHALLENGE);
  assert.match(e.detail ?? '', detail);
}

describe('client_secret_basic header parsing', () => {
  it('decodes a percent-encoded client_id and secret containing ":", "%", "+", "&", "=" and non-ASCII', async () => {
    assert.ok(Buffer.from(basicHeader(WEIRD_ID, WEIRD_SECRET).slice(6), 'base64').toString().includes('%3A'));
    const r = await withAuthorization(basicHeader(WEIRD_ID, WEIRD_SECRET));
    assert.equal(r.client.clientId, WEIRD_ID);
  });

  it('decodes "+" as a space and "%2B" as a plus sign', async () => {
    assert.equal((await withAuthorization(raw('plus:a+b'))).client.clientId, 'plus');
    await oauthError(() => withAuthorization(raw('plus:a%2Bb')), 'invalid_client');
  });

  it('splits at the first colon, so an unencoded colon stays in the secret', async () => {
    // "svc:s3cret:x" is client "svc" with secret "s3cret:x", which is wrong.
    await oauthError(() => withAuthorization(raw('svc:s3cret:x')), 'invalid_client');
  });

  it('accepts the scheme name in any case', async () => {
    const value = basicHeader('svc', 's3cret').slice('Basic '.length);
    assert.equal((await withAuthorization(`basic ${value}`)).client.clientId, 'svc');
    assert.equal((await withAuthorization(`BASIC   ${value}`)).client.clientId, 'svc');
  });

  it('rejects Basic without credentials', async () => {
    await malformed('Basic', /no credentials/);
    await malformed('Basic    ', /no credentials/);
  });

  it('rejects credentials that are not base64', async () => {
    await malformed('Basic !!!!', /not base64/);
    await malformed('Basic c3Zj OnMzY3JldA==', /not base64/);
    await malformed('Basic c3ZjOnMzY3JldA===', /not base64/);
  });

  it('rejects decoded credentials without a colon', async () => {
    await malformed(raw('svcs3cret'), /no ":"/);
  });

  it('rejects decoded credentials that are not UTF-8', async () => {
    await malformed(`Basic ${Buffer.from([0x73, 0x3a, 0xff, 0xfe]).toString('base64')}`, /UTF-8/);
  });

  it('rejects invalid percent-encoding in either part', async () => {
    await malformed(raw('svc:%zz'), /client_secret is not valid form-url-encoding/);
    await malformed(raw('%E0%A4%A:s3cret'), /client_id is not valid form-url-encoding/);
  });

  it('rejects an empty client_id or an empty secret', async () => {
    await malformed(raw(':s3cret'), /client_id is empty/);
    await malformed(raw('svc:'), /client_secret is empty/);
  });

  it('rejects a client_id or secret longer than the input limits', async () => {
    await malformed(raw(`${'a'.repeat(LIMITS.clientId + 1)}:x`), /client_id is too long/);
    await malformed(raw(`svc:${'a'.repeat(LIMITS.clientSecret + 1)}`), /client_secret is too long/);
  });

  it('rejects an over-long header before decoding it', async () => {
    await malformed(`Basic ${'A'.repeat(5000)}`, /too long/);
  });

  it('rejects two Authorization headers with invalid_request', async () => {
    const e = await oauthError(
      () => withAuthorization([basicHeader('svc', 's3cret'), basicHeader('svc', 's3cret')]),
      'invalid_request',
    );
    assert.equal(e.status, 400);
  });

  it('rejects repeated Authorization headers that a fetch-style host joined with a comma', async () => {
    const one = basicHeader('svc', 's3cret');
    for (const joined of [`${one}, ${one}`, `Bearer abc, ${one}`, `${one},Basic Zm9vOmJhcg==`]) {
      const e = await oauthError(() => withAuthorization(joined), 'invalid_request');
      assert.match(e.description, /must not be repeated/);
    }
  });

  it('ignores a non-Basic Authorization scheme and reads the body instead', async () => {
    const r = await withAuthorization('Bearer abc', { client_id: 'svc', client_secret: 's3cret' });
    assert.equal(r.method, 'client_secret_post');
  });
});
