/**
 * Test support for client authentication: a real `ServerContext` built from `validateOptions`,
 * in-memory stores, an event service that collects events, a silent logger and a settable clock.
 * Keys and data protection are stand-ins that throw: client authentication never uses them.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import pino from 'pino';
import type { IdentityServerOptions } from '../config/types.js';
import { validateOptions } from '../config/validate-options.js';
import type { EndpointUrls, ServerContext } from '../context.js';
import type { DataProtectionProvider, KeyMaterial } from '../crypto/types.js';
import { isOAuthError, type OAuthError, type OAuthErrorCode } from '../errors/oauth-error.js';
import { createEventService } from '../events/event-service.js';
import type { SigilEvent } from '../events/types.js';
import { Params } from '../host/form.js';
import type { SigilRequest } from '../host/request.js';
import { createMemoryStores } from '../stores/memory/memory-stores.js';
import { createDefaultProfileService } from '../users/default-profile-service.js';
import type { UserStore } from '../users/types.js';
import { GrantRegistry } from '../validation/token/grant.js';

/** The issuer every test context uses. */
export const ISSUER = 'https://op.test';

/**
 * A fixed start time close to the wall clock: the in-memory replay cache expires entries by
 * `Date.now()`, so a clock far in the past would make every remembered `jti` look expired.
 */
export const T0 = Math.floor(Date.now() / 1000);

/** A context plus what the tests observe and control. */
export interface TestContext {
  readonly ctx: ServerContext;
  /** Every event delivered to the sink, in order. */
  readonly events: SigilEvent[];
  /** The clock `ctx.now()` reads; tests move it forward. */
  readonly clock: { now: number };
}

function urls(issuer: string): EndpointUrls {
  return {
    discovery: `${issuer}/.well-known/openid-configuration`,
    jwks: `${issuer}/.well-known/openid-configuration/jwks`,
    authorize: `${issuer}/connect/authorize`,
    token: `${issuer}/connect/token`,
    userinfo: `${issuer}/connect/userinfo`,
    introspection: `${issuer}/connect/introspect`,
    revocation: `${issuer}/connect/revocation`,
    endSession: `${issuer}/connect/endsession`,
    par: `${issuer}/connect/par`,
    ciba: `${issuer}/connect/ciba`,
    deviceAuthorization: `${issuer}/connect/deviceauthorization`,
    checkSession: `${issuer}/connect/checksession`,
  };
}

function unused(what: string): never {
  throw new Error(`${what} is not available in client-authentication tests`);
}

const keys: KeyMaterial = {
  getSigningKey: () => unused('signing keys'),
  getValidationKeys: () => [],
  findValidationKey: () => undefined,
  jwksJson: () => '{"keys":[]}',
  signingAlgorithms: () => [],
  version: 0,
};

const protection: DataProtectionProvider = {
  applicationName: 'sigil-test',
  createProtector: () => unused('data protection'),
};

const unusedUsers: UserStore = {
  findByUsername: () => unused('the user store'),
  findBySubject: () => unused('the user store'),
  validateCredentials: () => unused('the user store'),
};

/**
 * Builds a context from options (the issuer defaults to {@link ISSUER}, the store to memory).
 * Events are raised as the options' `events` switches say.
 */
export function createTestContext(options: Partial<IdentityServerOptions> = {}): TestContext {
  const resolved = validateOptions({ issuer: ISSUER, store: { type: 'memory' }, ...options }, { env: {} });
  const logger = pino({ level: 'silent' });
  const events: SigilEvent[] = [];
  const clock = { now: T0 };
  const ctx: ServerContext = {
    options: resolved,
    issuer: resolved.issuer,
    urls: urls(resolved.issuer),
    clients: { find: (id) => resolved.clients.get(id) },
    stores: createMemoryStores(),
    keys,
    protection,
    events: createEventService(resolved.events, logger, (e) => {
      events.push(e);
    }),
    logger,
    users: unusedUsers,
    profile: createDefaultProfileService(unusedUsers),
    grantTypes: new GrantRegistry(),
    now: () => clock.now,
  };
  return { ctx, events, clock };
}

/** What a test request carries: headers and a form body (as text or as a record). */
export interface RequestInput {
  readonly headers?: Record<string, string | string[]>;
  readonly body?: string | Record<string, string | string[] | undefined>;
}

/** A POST to the token endpoint with the parsed form, as the host would hand it over. */
export function tokenRequest(input: RequestInput = {}): { req: SigilRequest; params: Params } {
  const text =
    typeof input.body === 'string'
      ? input.body
      : new URLSearchParams(
          Object.entries(input.body ?? {}).flatMap(([k, v]) =>
            v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x]),
          ),
        ).toString();
  const req: SigilRequest = {
    method: 'POST',
    path: '/connect/token',
    search: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(input.headers ?? {}) },
    body: Buffer.from(text, 'utf8'),
    remoteAddress: '127.0.0.1',
    id: 'req-1',
  };
  return { req, params: Params.parse(text) };
}

/** `Authorization: Basic` of RFC 6749 §2.3.1: each part form-url-encoded, then base64. */
export function basicHeader(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`, 'utf8').toString('base64')}`;
}

/** A configured secret in its `sha256:<base64>` form, computed here independently of Sigil. */
export function hashedSecret(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('base64')}`;
}

/** Awaits `action` and returns the `OAuthError` it must throw, failing on anything else. */
export async function oauthError(action: () => unknown, code: OAuthErrorCode): Promise<OAuthError> {
  try {
    await action();
  } catch (e) {
    assert.ok(isOAuthError(e), `expected an OAuthError "${code}", got ${String(e)}`);
    assert.equal(e.error, code, `expected "${code}", got "${e.error}" (${e.detail ?? e.description})`);
    return e;
  }
  assert.fail(`expected an OAuthError "${code}", but the call succeeded`);
}
