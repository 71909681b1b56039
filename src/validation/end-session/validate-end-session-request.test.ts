import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { signJwt } from '../../crypto/sign-jwt.js';
import { isOAuthError } from '../../errors/oauth-error.js';
import { Params } from '../../host/form.js';
import { createIdentityServer } from '../../server/create-identity-server.js';
import type { IdentityServer } from '../../server/types.js';
import { validateEndSessionRequest } from './validate-end-session-request.js';

const ISSUER = 'https://op.test';
const BACK = 'https://app.test/signed-out';

describe('validateEndSessionRequest (RP-Initiated Logout 1.0 §2, §3)', () => {
  let server: IdentityServer;
  const client = (clientId: string, extra: Record<string, unknown> = {}) => ({
    clientId,
    requireClientSecret: false,
    allowedGrantTypes: ['authorization_code'],
    allowedScopes: ['openid'],
    redirectUris: [`https://${clientId}.test/cb`],
    ...extra,
  });
  before(async () => {
    server = await createIdentityServer({
      issuer: ISSUER,
      store: { type: 'memory' },
      logger: pino({ level: 'silent' }),
      dataProtection: { masterKey: randomBytes(32).toString('base64'), applicationName: 'end-session-test' },
      clients: [
        client('app', { postLogoutRedirectUris: [BACK] }),
        client('other'),
        client('off', { enabled: false, postLogoutRedirectUris: [BACK] }),
      ],
      backgroundJobs: false,
    });
  });
  after(() => server.close());

  const idToken = (claims: Record<string, unknown>, typ = 'JWT') => {
    const now = Math.floor(Date.now() / 1000);
    const key = server.context.keys.getSigningKey(['RS256', 'ES256', 'PS256']);
    return signJwt(
      key,
      { iss: ISSUER, sub: 'alice', aud: 'app', iat: now, exp: now + 300, sid: 's1', ...claims },
      { typ },
    );
  };
  const validate = (p: Record<string, string>) => validateEndSessionRequest(server.context, Params.from(p));
  const rejects = (p: Record<string, string>, message: RegExp) =>
    assert.throws(
      () => validate(p),
      (e: unknown) => isOAuthError(e) && e.error === 'invalid_request' && message.test(e.description),
    );

  it('accepts an empty request (the user is asked before signing out)', () => {
    assert.deepEqual(validate({}), { client: undefined, hint: undefined, uiLocales: undefined });
  });

  it('takes the client, sub and sid from a valid id_token_hint, even an expired one', () => {
    const r = validate({ id_token_hint: idToken({ exp: 1000, iat: 900 }), post_logout_redirect_uri: BACK, state: 'x' });
    assert.equal(r.client?.clientId, 'app');
    assert.deepEqual(r.hint, { subjectId: 'alice', sessionId: 's1' });
    assert.equal(r.postLogoutRedirectUri, BACK);
    assert.equal(r.state, 'x');
  });

  it('rejects hints that are not our ID tokens for the client', () => {
    rejects({ id_token_hint: 'abc.def.ghi' }, /id_token_hint/);
    rejects({ id_token_hint: idToken({}, 'at+jwt') }, /id_token_hint/);
    rejects({ id_token_hint: idToken({}, 'logout+jwt') }, /id_token_hint/);
    rejects({ id_token_hint: idToken({ iss: 'https://evil.test' }) }, /id_token_hint/);
    rejects({ id_token_hint: idToken({ sub: '' }) }, /id_token_hint/);
    rejects({ id_token_hint: idToken({}), client_id: 'other' }, /client_id/);
    rejects({ id_token_hint: idToken({ aud: ['app', 'other'] }) }, /client_id/);
    assert.equal(
      validate({ id_token_hint: idToken({ aud: ['app', 'other'] }), client_id: 'other' }).client?.clientId,
      'other',
    );
    rejects({ id_token_hint: idToken({ aud: 'off' }) }, /unknown or disabled/);
  });

  it('redirects only to a registered URI of a known client, matched exactly', () => {
    rejects({ post_logout_redirect_uri: BACK }, /identify the client/);
    rejects({ client_id: 'other', post_logout_redirect_uri: BACK }, /not registered/);
    rejects({ client_id: 'off', post_logout_redirect_uri: BACK }, /unknown or disabled/);
    for (const variant of [
      `${BACK}/`,
      BACK.toUpperCase(),
      `${BACK}?x=1`,
      `${BACK}#f`,
      'https://app.test/signed-out/..',
    ])
      rejects({ client_id: 'app', post_logout_redirect_uri: variant }, /not registered/);
    assert.equal(validate({ client_id: 'app', post_logout_redirect_uri: BACK }).postLogoutRedirectUri, BACK);
  });

  it('drops state without a post-logout redirect, and checks lengths, repetition and ui_locales', () => {
    assert.equal(validate({ client_id: 'app', state: 'x' }).state, undefined);
    rejects({ state: 'x'.repeat(2001) }, /too long/);
    rejects({ logout_hint: 'x'.repeat(101) }, /too long/);
    assert.throws(
      () => validateEndSessionRequest(server.context, Params.parse('client_id=app&client_id=other')),
      /repeated/,
    );
    rejects({ ui_locales: 'en <b>' }, /ui_locales/);
    assert.equal(validate({ ui_locales: 'fr-CA en' }).uiLocales, 'fr-CA en');
  });
});
