/**
 * Test support for the interactive-sign-in token half: a real server from `createIdentityServer`
 * (memory stores, real keys and data protection, a settable clock, collected events), driven
 * in-process through its fetch handler. The profile service is a small real implementation over a
 * mutable user table, so tests can change claims and deactivate users.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import type { ClientInput } from '../config/types.js';
import type { ServerContext } from '../context.js';
import { randomId } from '../crypto/handles.js';
import { s256Challenge } from '../crypto/pkce.js';
import type { SigilEvent } from '../events/types.js';
import { issueAuthorizationCode } from '../tokens/authorization-code.js';
import type { AuthorizationCodePayload } from '../tokens/authorization-code-payload.js';
import type { ProfileService } from '../users/types.js';
import { createIdentityServer } from './create-identity-server.js';
import type { CreateIdentityServerOptions, IdentityServer } from './types.js';

/** The issuer of in-process test servers. */
export const TEST_ISSUER = 'https://op.test';
/** The secret of every confidential fixture client. */
export const SECRET = 'fixture-client-secret';
/** The clock starts at the wall clock, so that tokens also verify with jose's default clock. */
const T0 = Math.floor(Date.now() / 1000);

/** A user of the fixture's profile service. */
export interface TestUser {
  claims: Record<string, unknown>;
  active: boolean;
}

/** An answer of the in-process server. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/** A confidential client with the code flow and offline access; `overrides` change any field. */
export function webClient(clientId: string, overrides: Partial<ClientInput> = {}): ClientInput {
  return {
    clientId,
    clientSecrets: [{ value: SECRET }],
    allowedGrantTypes: ['authorization_code'],
    allowedScopes: ['openid', 'profile', 'email', 'orders.read', 'orders.write', 'billing.read', 'offline_access'],
    allowOfflineAccess: true,
    redirectUris: [`https://${clientId}.example/cb`],
    ...overrides,
  };
}

/** A running in-process server and what tests observe and control. */
export class TestServer {
  readonly clock = { now: T0 };
  readonly events: SigilEvent[] = [];
  readonly users = new Map<string, TestUser>([
    [
      'alice',
      {
        active: true,
        claims: { name: 'Alice', email: 'alice@example.com', email_verified: true, role: 'admin', tenant: 'acme' },
      },
    ],
  ]);
  sigil!: IdentityServer;

  get ctx(): ServerContext {
    return this.sigil.context;
  }

  /** A request to `path` with an optional form body. */
  async request(
    method: string,
    path: string,
    init: { form?: Record<string, string | string[]>; headers?: Record<string, string>; body?: string } = {},
  ): Promise<TestResponse> {
    const headers: Record<string, string> = { ...init.headers };
    let body = init.body;
    if (init.form) {
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
      const pairs = Object.entries(init.form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]));
      body = new URLSearchParams(pairs).toString();
    }
    const res = await this.sigil.fetch(new Request(TEST_ISSUER + path, { method, headers, body }));
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  }

  /** POST /connect/token as `clientId` (client_secret_post, or `none` for public clients). */
  token(clientId: string, form: Record<string, string | string[]>, isPublic = false): Promise<TestResponse> {
    const auth: Record<string, string> = isPublic
      ? { client_id: clientId }
      : { client_id: clientId, client_secret: SECRET };
    return this.request('POST', '/connect/token', { form: { ...auth, ...form } });
  }

  /** Issue a code for alice to `clientId` as the authorize endpoint would; returns it with its verifier. */
  async code(
    clientId: string,
    overrides: Partial<AuthorizationCodePayload> = {},
  ): Promise<{ code: string; verifier: string; payload: AuthorizationCodePayload }> {
    const verifier = randomBytes(32).toString('base64url');
    const now = this.clock.now;
    const payload: AuthorizationCodePayload = {
      clientId,
      redirectUri: `https://${clientId}.example/cb`,
      scopes: ['openid', 'profile', 'orders.read', 'offline_access'],
      resources: [],
      subjectId: 'alice',
      sessionId: 'session-1',
      authTime: now - 30,
      amr: ['pwd'],
      idp: 'local',
      nonce: 'nonce-1',
      codeChallenge: s256Challenge(verifier),
      codeChallengeMethod: 'S256',
      familyId: randomId(16),
      createdAt: now,
      expiresAt: now + 300,
      ...overrides,
    };
    return { code: await issueAuthorizationCode(this.ctx, payload), verifier, payload };
  }

  /** Redeem a fresh code of `clientId` and return the token response body. */
  async signIn(clientId: string, overrides: Partial<AuthorizationCodePayload> = {}): Promise<Record<string, unknown>> {
    const { code, verifier, payload } = await this.code(clientId, overrides);
    const form: Record<string, string> = { grant_type: 'authorization_code', code, code_verifier: verifier };
    if (payload.redirectUri) form.redirect_uri = payload.redirectUri;
    const r = await this.token(clientId, form, this.ctx.clients.find(clientId)?.isPublic);
    if (r.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  close(): Promise<void> {
    return this.sigil.close();
  }
}

/** Start a server with the fixture's resources and the given clients (and any other options). */
export async function startTestServer(
  clients: ClientInput[],
  options: Partial<CreateIdentityServerOptions> = {},
): Promise<TestServer> {
  const t = new TestServer();
  const profile: ProfileService = {
    async getClaims({ subjectId, requestedClaimTypes }) {
      const u = t.users.get(subjectId);
      return Object.fromEntries(
        requestedClaimTypes.filter((c) => u?.claims[c] !== undefined).map((c) => [c, u!.claims[c]]),
      );
    },
    async isActive({ subjectId }) {
      return t.users.get(subjectId)?.active === true;
    },
  };
  t.sigil = await createIdentityServer({
    issuer: TEST_ISSUER,
    store: { type: 'memory' },
    dataProtection: { masterKey: randomBytes(32).toString('base64'), applicationName: 'sigil-test' },
    logger: pino({ level: 'silent' }),
    backgroundJobs: false,
    events: { raiseSuccessEvents: true, raiseFailureEvents: true },
    eventSink: (e) => {
      t.events.push(e);
    },
    now: () => t.clock.now,
    profileService: profile,
    apiScopes: [{ name: 'orders.read', userClaims: ['tenant'] }, { name: 'orders.write' }, { name: 'billing.read' }],
    apiResources: [
      {
        name: 'orders',
        scopes: ['orders.read', 'orders.write'],
        userClaims: ['role'],
        apiSecrets: [{ value: SECRET }],
      },
      { name: 'billing', scopes: ['billing.read'] },
    ],
    clients,
    ...options,
  });
  return t;
}
