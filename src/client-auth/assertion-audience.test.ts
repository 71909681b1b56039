import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ServerContext } from '../context.js';
import { assertionBody, assertionClaims, signAssertion, testKey } from './assertion.case.js';
import { classifyTyp } from './assertion-audience.js';
import { authenticateClient } from './authenticate-client.js';
import { createTestContext, ISSUER, oauthError, tokenRequest } from './test-context.case.js';

// security.md §2: the client-assertion audience truth table (FAPI 2.0 §5.3.2.1-8,
// draft-ietf-oauth-rfc7523bis, OIDC Core §9), row by row in legacy and strict modes.
const key = testKey('ec', 'k1');
const clients = [
  { clientId: 'pk', jwks: { keys: [key.publicJwk] }, allowedGrantTypes: ['client_credentials'] },
  {
    clientId: 'strict',
    strictClientAssertionAudience: true,
    jwks: { keys: [key.publicJwk] },
    allowedGrantTypes: ['client_credentials'],
  },
];
const legacy = createTestContext({ clients }).ctx;
const global = createTestContext({ clients, strictClientAssertionAudience: true }).ctx;

interface Mode {
  readonly name: string;
  readonly ctx: ServerContext;
  readonly clientId: string;
  readonly header: Record<string, unknown>;
  readonly strict: boolean;
}
const MODES: Mode[] = [
  { name: 'legacy mode without typ', ctx: legacy, clientId: 'pk', header: {}, strict: false },
  { name: 'legacy mode with typ JWT', ctx: legacy, clientId: 'pk', header: { typ: 'JWT' }, strict: false },
  { name: 'strict mode by the global option', ctx: global, clientId: 'pk', header: {}, strict: true },
  { name: 'strict mode by the client option', ctx: legacy, clientId: 'strict', header: {}, strict: true },
  {
    name: 'strict mode by typ client-authentication+jwt',
    ctx: legacy,
    clientId: 'pk',
    header: { typ: 'client-authentication+jwt' },
    strict: true,
  },
  {
    name: 'strict mode by typ application/Client-Authentication+JWT',
    ctx: legacy,
    clientId: 'pk',
    header: { typ: 'application/Client-Authentication+JWT' },
    strict: true,
  },
  { name: 'strict mode with typ JWT', ctx: global, clientId: 'pk', header: { typ: 'JWT' }, strict: true },
];

const ABSENT = Symbol('absent');
interface Row {
  readonly label: string;
  readonly aud: unknown;
  readonly legacy: boolean;
  readonly strict: boolean;
}
const ROWS: Row[] = [
  { label: 'the issuer', aud: ISSUER, legacy: true, strict: true },
  { label: 'the issuer with a trailing slash', aud: `${ISSUER}/`, legacy: true, strict: false },
  { label: 'the token endpoint URL', aud: `${ISSUER}/connect/token`, legacy: true, strict: false },
  { label: 'the PAR endpoint URL', aud: `${ISSUER}/connect/par`, legacy: true, strict: false },
  { label: 'the CIBA endpoint URL', aud: `${ISSUER}/connect/ciba`, legacy: true, strict: false },
  { label: 'a one-element array holding the issuer', aud: [ISSUER], legacy: true, strict: false },
  {
    label: 'a two-element array containing the issuer',
    aud: [ISSUER, 'https://other.test'],
    legacy: true,
    strict: false,
  },
  { label: 'an array holding the token endpoint URL', aud: [`${ISSUER}/connect/token`], legacy: true, strict: false },
  { label: 'another server', aud: 'https://other.test', legacy: false, strict: false },
  { label: 'the issuer in another case', aud: 'https://OP.test', legacy: false, strict: false },
  { label: 'the introspection endpoint URL', aud: `${ISSUER}/connect/introspect`, legacy: false, strict: false },
  { label: 'an empty string', aud: '', legacy: false, strict: false },
  { label: 'an absent aud', aud: ABSENT, legacy: false, strict: false },
  { label: 'null', aud: null, legacy: false, strict: false },
  { label: 'a number', aud: 42, legacy: false, strict: false },
  { label: 'an object', aud: { iss: ISSUER }, legacy: false, strict: false },
  { label: 'an empty array', aud: [], legacy: false, strict: false },
  { label: 'an array of other servers', aud: ['https://other.test'], legacy: false, strict: false },
  { label: 'an array with a non-string', aud: [ISSUER, 42], legacy: false, strict: false },
];

function send(mode: Mode, aud: unknown, header = mode.header) {
  const claims = assertionClaims(mode.clientId, aud === ABSENT ? { aud: undefined } : { aud });
  const { req, params } = tokenRequest({ body: assertionBody(signAssertion({ key }, claims, header)) });
  return authenticateClient(req, params, mode.ctx);
}

describe('client assertion audience truth table', () => {
  for (const mode of MODES) {
    for (const row of ROWS) {
      const accept = mode.strict ? row.strict : row.legacy;
      it(`${accept ? 'accepts' : 'rejects'} ${row.label} as aud in ${mode.name}`, async () => {
        if (accept) assert.equal((await send(mode, row.aud)).client.clientId, mode.clientId);
        else {
          const e = await oauthError(() => send(mode, row.aud), 'invalid_client');
          assert.match(e.detail ?? '', /"aud"|audience/);
        }
      });
    }
  }
});

describe('client assertion typ', () => {
  // RFC 8725 §3.11: another kind of JWT must never pass as a client assertion.
  const FOREIGN = [
    'dpop+jwt',
    'at+jwt',
    'logout+jwt',
    'oauth-authz-req+jwt',
    'secevent+jwt',
    'token-introspection+jwt',
  ];
  for (const mode of MODES) {
    for (const typ of FOREIGN) {
      it(`rejects typ ${typ} with a correct aud in ${mode.name}`, async () => {
        const e = await oauthError(() => send(mode, ISSUER, { typ }), 'invalid_client');
        assert.match(e.detail ?? '', /foreign typ/);
      });
    }
  }

  it('accepts an assertion without typ in legacy mode (Duende 7.2.0 rejected it)', async () => {
    const claims = assertionClaims('pk', { aud: `${ISSUER}/connect/token` });
    const jwt = signAssertion({ key }, claims);
    assert.equal(JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).typ, undefined);
    const { req, params } = tokenRequest({ body: assertionBody(jwt) });
    assert.equal((await authenticateClient(req, params, legacy)).client.clientId, 'pk');
  });

  it('makes one request strict when typ is client-authentication+jwt, whatever the client', async () => {
    const mode = MODES[0]!;
    await oauthError(
      () => send(mode, `${ISSUER}/connect/token`, { typ: 'client-authentication+jwt' }),
      'invalid_client',
    );
    assert.equal((await send(mode, `${ISSUER}/connect/token`)).client.clientId, 'pk');
  });

  it('classifies typ values', () => {
    assert.equal(classifyTyp(undefined), 'absent');
    assert.equal(classifyTyp('JWT'), 'jwt');
    assert.equal(classifyTyp('jwt'), 'jwt');
    assert.equal(classifyTyp('application/jwt'), 'jwt');
    assert.equal(classifyTyp('client-authentication+jwt'), 'client-authentication');
    assert.equal(classifyTyp('APPLICATION/client-authentication+JWT'), 'client-authentication');
    assert.equal(classifyTyp(''), 'foreign');
    assert.equal(classifyTyp('dpop+jwt'), 'foreign');
    assert.equal(classifyTyp('application/at+jwt'), 'foreign');
    assert.equal(classifyTyp(1), 'foreign');
  });
});
