/**
 * The configuration the token end-to-end tests run against: a confidential web client, a public
 * SPA, a reference-token client, an API resource that introspects, and a profile service over a
 * small user table. Codes are issued directly with `issueAuthorizationCode`, as the authorize
 * endpoint will.
 */
import { randomBytes } from 'node:crypto';
import type { ServerContext } from '../../../src/context.js';
import type { CreateIdentityServerOptions } from '../../../src/server/types.js';
import { issueAuthorizationCode } from '../../../src/tokens/authorization-code.js';
import type { AuthorizationCodePayload } from '../../../src/tokens/authorization-code-payload.js';
import type { ProfileService } from '../../../src/users/types.js';

/** Secrets of the fixture's confidential clients and of the API. */
export const SECRETS = { web: 'web-secret-value', ref: 'ref-secret-value', api: 'orders-api-secret' } as const;

/** Users of the fixture's profile service; tests flip `active`. */
export const USERS = new Map<string, { active: boolean; claims: Record<string, unknown> }>([
  [
    'alice',
    { active: true, claims: { name: 'Alice', email: 'alice@example.com', email_verified: true, role: 'admin' } },
  ],
]);

const profile: ProfileService = {
  async getClaims({ subjectId, requestedClaimTypes }) {
    const u = USERS.get(subjectId);
    return Object.fromEntries(
      requestedClaimTypes.filter((c) => u?.claims[c] !== undefined).map((c) => [c, u!.claims[c]]),
    );
  },
  async isActive({ subjectId }) {
    return USERS.get(subjectId)?.active === true;
  },
};

const common = {
  allowedGrantTypes: ['authorization_code'],
  allowedScopes: ['openid', 'profile', 'email', 'orders.read', 'offline_access'],
  allowOfflineAccess: true,
};

/** The server options. */
export function tokensFixture(): Omit<CreateIdentityServerOptions, 'issuer'> {
  return {
    profileService: profile,
    apiScopes: [{ name: 'orders.read' }],
    apiResources: [
      { name: 'orders', scopes: ['orders.read'], userClaims: ['role'], apiSecrets: [{ value: SECRETS.api }] },
    ],
    clients: [
      { clientId: 'web', clientSecrets: [{ value: SECRETS.web }], redirectUris: ['https://web.example/cb'], ...common },
      {
        clientId: 'ref',
        clientSecrets: [{ value: SECRETS.ref }],
        redirectUris: ['https://ref.example/cb'],
        accessTokenType: 'reference',
        allowedIdentityTokenSigningAlgorithms: ['ES256'],
        ...common,
      },
      {
        clientId: 'legacy',
        clientSecrets: [{ value: SECRETS.web }],
        redirectUris: ['https://legacy.example/cb'],
        requirePkce: false,
        ...common,
      },
      {
        clientId: 'spa',
        requireClientSecret: false,
        redirectUris: ['https://spa.example/cb'],
        allowedCorsOrigins: ['https://spa.example'],
        refreshTokenReuseGracePeriod: 30,
        ...common,
      },
    ],
  };
}

/** Issue a code for alice, as the authorize endpoint would after sign-in and consent. */
export function issueCode(
  ctx: ServerContext,
  clientId: string,
  overrides: Partial<AuthorizationCodePayload> = {},
): Promise<string> {
  const now = ctx.now();
  return issueAuthorizationCode(ctx, {
    clientId,
    redirectUri: `https://${clientId}.example/cb`,
    scopes: ['openid', 'profile', 'email', 'orders.read', 'offline_access'],
    resources: [],
    subjectId: 'alice',
    sessionId: 'e2e-session',
    authTime: now - 5,
    amr: ['pwd'],
    idp: 'local',
    familyId: randomBytes(16).toString('base64url'),
    createdAt: now,
    expiresAt: now + 300,
    ...overrides,
  });
}
