/**
 * Test support for the authorize checks: a real server context (memory stores, real keys and data
 * protection, no listening socket) with clients for every rule, and helpers that run the table.
 */
import assert from 'node:assert/strict';
import pino from 'pino';
import type { ClientInput } from '../../config/types.js';
import type { ServerContext } from '../../context.js';
import { signJwt } from '../../crypto/sign-jwt.js';
import { isOAuthError, type OAuthErrorCode } from '../../errors/oauth-error.js';
import { Params } from '../../host/form.js';
import { createIdentityServer } from '../../server/create-identity-server.js';
import type { IdentityServer } from '../../server/types.js';
import type { AuthorizeDraft, ValidatedAuthorizeRequest } from './types.js';
import { newAuthorizeDraft, validateAuthorizeRequest } from './validate-authorize-request.js';

/** The issuer of the test context. */
export const ISSUER = 'https://op.test';
/** A valid S256 code challenge. */
export const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const base = (clientId: string, extra: Partial<ClientInput> = {}): ClientInput => ({
  clientId,
  requireClientSecret: false,
  allowedGrantTypes: ['authorization_code'],
  allowedScopes: ['openid', 'profile', 'email', 'orders.read', 'billing.read', 'offline_access'],
  redirectUris: ['https://app.test/cb'],
  ...extra,
});

/** Clients: `web` is the ordinary one; the others each change one rule. */
export const TEST_CLIENTS: ClientInput[] = [
  base('web', { allowOfflineAccess: true }),
  base('native', { applicationType: 'native', redirectUris: ['http://127.0.0.1/cb', 'com.example.app:/cb'] }),
  base('single', { redirectUris: ['https://single.test/cb'] }),
  base('implicit', { allowedGrantTypes: ['implicit'], allowAccessTokensViaBrowser: true }),
  base('implicit-no-browser-tokens', { allowedGrantTypes: ['implicit'] }),
  base('hybrid', { allowedGrantTypes: ['hybrid'], allowAccessTokensViaBrowser: true, allowOfflineAccess: true }),
  base('no-pkce', { requirePkce: false }),
  base('plain-pkce', { allowPlainTextPkce: true }),
  base('disabled', { enabled: false }),
  base('consenting', { requireConsent: true, allowOfflineAccess: true }),
  base('short-sso', { userSsoLifetime: 60 }),
  base('par-only', { requirePushedAuthorization: true, pushedAuthorizationLifetime: 30 }),
  { clientId: 'machine', clientSecrets: [{ value: 'secret' }], allowedGrantTypes: ['client_credentials'] },
];

/** Start a context with {@link TEST_CLIENTS}. Close the returned server after the tests. */
export async function startAuthorizeContext(
  extra: { createAccountUrl?: string; now?: () => number; pushedAuthorization?: { required?: boolean } } = {},
): Promise<{ server: IdentityServer; ctx: ServerContext }> {
  const server = await createIdentityServer({
    now: extra.now,
    pushedAuthorization: extra.pushedAuthorization,
    issuer: ISSUER,
    store: { type: 'memory' },
    dataProtection: { masterKey: Buffer.alloc(32, 7).toString('base64') },
    keyManagement: { signingAlgorithms: ['ES256'] },
    backgroundJobs: false,
    logger: pino({ level: 'silent' }),
    identityResources: ['openid', 'profile', 'email'],
    apiScopes: [{ name: 'orders.read' }, { name: 'orders.write' }, { name: 'billing.read' }],
    apiResources: [
      { name: 'orders', scopes: ['orders.read', 'orders.write'] },
      { name: 'billing', scopes: ['billing.read'] },
      { name: 'off', scopes: ['orders.read'], enabled: false },
    ],
    clients: TEST_CLIENTS,
    ui: { createAccountUrl: extra.createAccountUrl },
    users: [
      { subjectId: 'alice', username: 'alice', password: 'alice-pw' },
      { subjectId: 'bob', username: 'bob', password: 'bob-pw' },
    ],
  });
  return { server, ctx: server.context };
}

/** A complete, valid code-flow request of client `web`, with `overrides` applied (undefined removes). */
export function request(
  overrides: Record<string, string | string[] | undefined> = {},
): Record<string, string | string[]> {
  const all: Record<string, string | string[] | undefined> = {
    client_id: 'web',
    redirect_uri: 'https://app.test/cb',
    response_type: 'code',
    scope: 'openid profile',
    state: 'af0ifjsldkj',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<
    string,
    string | string[]
  >;
}

/** Validate `query` and return the draft and the result (or the error). */
export async function run(
  ctx: ServerContext,
  query: Record<string, string | string[]>,
): Promise<{ draft: AuthorizeDraft; result?: ValidatedAuthorizeRequest; error?: unknown }> {
  const draft = newAuthorizeDraft(ctx, Params.from(query));
  try {
    return { draft, result: await validateAuthorizeRequest(draft) };
  } catch (error) {
    return { draft, error };
  }
}

/** Validate and expect success. */
export async function valid(
  ctx: ServerContext,
  query: Record<string, string | string[]>,
): Promise<ValidatedAuthorizeRequest> {
  const { result, error } = await run(ctx, query);
  if (error) throw error;
  return result!;
}

/** Validate and expect an `OAuthError` with `code` whose description matches `description`. */
export async function rejects(
  ctx: ServerContext,
  query: Record<string, string | string[]>,
  code: OAuthErrorCode,
  description?: RegExp,
): Promise<AuthorizeDraft> {
  const { draft, error } = await run(ctx, query);
  assert.ok(isOAuthError(error), `expected ${code}, got ${error === undefined ? 'success' : String(error)}`);
  assert.equal(error.error, code, error.description);
  if (description) assert.match(error.description, description);
  return draft;
}

/** Sign an ID-token-shaped JWT with the context's current key. */
export function signIdToken(ctx: ServerContext, claims: Record<string, unknown>, typ = 'JWT'): string {
  const now = ctx.now();
  return signJwt(
    ctx.keys.getSigningKey(),
    { iss: ISSUER, aud: 'web', sub: 'alice', iat: now, exp: now + 300, ...claims },
    { typ },
  );
}
