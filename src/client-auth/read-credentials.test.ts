import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LIMITS } from '../host/form.js';
import { assertionBody } from './assertion.case.js';
import { authenticateClient } from './authenticate-client.js';
import { readCredentials } from './read-credentials.js';
import {
  basicHeader,
  createTestContext,
  hashedSecret,
  oauthError,
  type RequestInput,
  tokenRequest,
} from './test-context.case.js';

// RFC 6749 §2.3 ("MUST NOT use more than one authentication method"), §3.2 (no repeated
// parameters) and Duende InputLengthRestrictions.
const { ctx } = createTestContext({
  clients: [
    { clientId: 'svc', clientSecrets: [{ value: hashedSecret('s3cret') }], allowedGrantTypes: ['client_credentials'] },
  ],
});
const BASIC = basicHeader('svc', 's3cret');
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJzdmMifQ.c2ln';

async function invalidRequest(input: RequestInput, detail: RegExp): Promise<void> {
  const { req, params } = tokenRequest(input);
  const e = await oauthError(() => authenticateClient(req, params, ctx), 'invalid_request');
  assert.equal(e.status, 400);
  assert.equal(e.headers['www-authenticate'], undefined);
  assert.match(e.description, detail);
}

describe('reading client credentials', () => {
  it('rejects Basic together with a body secret', async () => {
    await invalidRequest(
      { headers: { authorization: BASIC }, body: { client_id: 'svc', client_secret: 's3cret' } },
      /only one client authentication method/,
    );
  });

  it('rejects Basic together with a client assertion', async () => {
    await invalidRequest({ headers: { authorization: BASIC }, body: assertionBody(JWT) }, /only one/);
  });

  it('rejects a body secret together with a client assertion', async () => {
    await invalidRequest({ body: assertionBody(JWT, { client_id: 'svc', client_secret: 's3cret' }) }, /only one/);
  });

  it('rejects Basic together with a lone client_assertion_type', async () => {
    await invalidRequest(
      { headers: { authorization: BASIC }, body: { client_assertion_type: assertionBody(JWT).client_assertion_type } },
      /only one/,
    );
  });

  it('rejects a malformed Basic header together with a body secret as two methods', async () => {
    await invalidRequest(
      { headers: { authorization: 'Basic !!!' }, body: { client_id: 'svc', client_secret: 's3cret' } },
      /only one client authentication method/,
    );
    await invalidRequest({ headers: { authorization: 'Basic' }, body: assertionBody(JWT) }, /only one/);
  });

  it('rejects a body client_id that differs from the Basic one', async () => {
    await invalidRequest({ headers: { authorization: BASIC }, body: { client_id: 'other' } }, /does not match/);
  });

  it('accepts a body client_id equal to the Basic one', async () => {
    const { req, params } = tokenRequest({ headers: { authorization: BASIC }, body: { client_id: 'svc' } });
    assert.equal((await authenticateClient(req, params, ctx)).method, 'client_secret_basic');
  });

  const repeated: Record<string, string> = {
    client_id: 'client_id=svc&client_id=other&client_secret=s3cret',
    client_secret: 'client_id=svc&client_secret=s3cret&client_secret=other',
    client_assertion: `client_assertion_type=x&client_assertion=${JWT}&client_assertion=${JWT}`,
    client_assertion_type: `client_assertion_type=x&client_assertion_type=y&client_assertion=${JWT}`,
  };
  for (const [name, body] of Object.entries(repeated)) {
    it(`rejects a repeated "${name}" parameter`, async () => {
      await invalidRequest({ body }, new RegExp(`"${name}" must not be repeated`));
    });
  }

  it('rejects a repeated client_id even when both values are equal', async () => {
    await invalidRequest({ body: 'client_id=svc&client_id=svc&client_secret=s3cret' }, /must not be repeated/);
  });

  it('rejects a client_id longer than 100 characters', async () => {
    const id = 'a'.repeat(LIMITS.clientId + 1);
    await invalidRequest({ body: { client_id: id, client_secret: 's3cret' } }, /"client_id" is too long/);
  });

  it('rejects a client_secret longer than 100 characters', async () => {
    const secret = 's'.repeat(LIMITS.clientSecret + 1);
    await invalidRequest({ body: { client_id: 'svc', client_secret: secret } }, /"client_secret" is too long/);
  });

  it('rejects a client_assertion longer than the JWT limit', async () => {
    await invalidRequest({ body: assertionBody('a'.repeat(LIMITS.jwt + 1)) }, /"client_assertion" is too long/);
  });

  it('rejects a megabyte-long client_id without trying to look it up', async () => {
    await invalidRequest({ body: { client_id: 'x'.repeat(1 << 20) } }, /too long/);
  });

  it('accepts values at exactly the length limits as far as lookup', async () => {
    const { req, params } = tokenRequest({
      body: { client_id: 'a'.repeat(LIMITS.clientId), client_secret: 's'.repeat(LIMITS.clientSecret) },
    });
    const e = await oauthError(() => authenticateClient(req, params, ctx), 'invalid_client');
    assert.match(e.detail ?? '', /unknown client/);
  });

  it('requires client_id with client_secret', async () => {
    await invalidRequest({ body: { client_secret: 's3cret' } }, /"client_id" is required/);
  });

  it('requires both assertion parameters once one is present', async () => {
    await invalidRequest({ body: { client_assertion: JWT } }, /"client_assertion_type" is required/);
    await invalidRequest(
      { body: { client_assertion_type: assertionBody(JWT).client_assertion_type } },
      /"client_assertion" is required/,
    );
  });

  it('treats an empty client_secret as omitted (RFC 6749 §3.1)', () => {
    const { req, params } = tokenRequest({ body: { client_id: 'svc', client_secret: '' } });
    assert.deepEqual(readCredentials(req, params), { kind: 'none', clientId: 'svc' });
  });

  it('classifies each method', () => {
    const read = (input: RequestInput) => {
      const { req, params } = tokenRequest(input);
      return readCredentials(req, params).kind;
    };
    assert.equal(read({ headers: { authorization: BASIC } }), 'basic');
    assert.equal(read({ body: { client_id: 'svc', client_secret: 's' } }), 'post');
    assert.equal(read({ body: assertionBody(JWT) }), 'assertion');
    assert.equal(read({ body: { client_id: 'svc' } }), 'none');
    assert.equal(read({}), 'nothing');
  });
});
