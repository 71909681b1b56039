/**
 * Sigil for the benchmarks: the compiled server (dist/), one process, listening on
 * 127.0.0.1:<port>. The store comes from the setup (memory, sqlite or postgres). Background jobs
 * are off so that no sweep or key refresh lands inside a measurement; the cleanup benchmark runs
 * the sweep itself, through `call('cleanup')`.
 */
import { API, CLIENTS, FLOW, readSetup, reportReady } from '../lib/setup.mjs';

const setup = readSetup();
// `setup.dist` (relative to the repository) lets cpu-per-request compare a baseline build.
const dist = new URL(`../../${setup.dist ?? 'dist'}/`, import.meta.url);
const { createIdentityServer, formatHashedSecret } = await import(new URL('index.js', dist).href);
const { cleanupExpired } = await import(new URL('server/cleanup-expired.js', dist).href);
const { CLEANUP_DEFAULTS } = await import(new URL('config/defaults.js', dist).href);

/** Sigil's options for the bench setup (also used by the pre-fill, which must share the key ring). */
export function sigilOptions(s) {
  const client = (c, extra) => ({
    clientId: c.id,
    clientSecrets: [{ value: formatHashedSecret(c.secret) }],
    allowedGrantTypes: ['client_credentials'],
    allowedScopes: [API.scope],
    ...extra,
  });
  return {
    issuer: `http://127.0.0.1:${s.port}`,
    logLevel: 'silent',
    store: s.store ?? { type: 'memory' },
    dataProtection: { masterKey: s.masterKey, applicationName: 'sigil-bench' },
    keyManagement: {
      enabled: false,
      staticKeys: [
        { jwk: s.keys.ES256, alg: 'ES256', kid: s.keys.ES256.kid },
        { jwk: s.keys.RS256, alg: 'RS256', kid: s.keys.RS256.kid },
      ],
    },
    apiScopes: [{ name: API.scope }],
    apiResources: [{ name: API.name, scopes: [API.scope], apiSecrets: [{ value: formatHashedSecret(API.secret) }] }],
    clients: [
      client(CLIENTS.es256, { allowedAccessTokenSigningAlgorithms: ['ES256'] }),
      client(CLIENTS.rs256, { allowedAccessTokenSigningAlgorithms: ['RS256'] }),
      client(CLIENTS.reference, { accessTokenType: 'reference' }),
      // The flow suite's interactive client: code + PKCE, client_secret_basic, no consent page,
      // ES256 ID token and a reference (opaque, stored) access token like oidc-provider's.
      {
        clientId: FLOW.client.id,
        clientSecrets: [{ value: formatHashedSecret(FLOW.client.secret) }],
        allowedGrantTypes: ['authorization_code'],
        redirectUris: [FLOW.client.redirectUri],
        allowedScopes: FLOW.scope.split(' '),
        requirePkce: true,
        requireConsent: false,
        allowedIdentityTokenSigningAlgorithms: ['ES256'],
        accessTokenType: 'reference',
      },
    ],
    identityResources: ['openid', 'profile'],
    users: Object.values(FLOW.users).map((u) => ({
      subjectId: u.subjectId,
      username: u.username,
      // The run's argon2id PHC hash, which oidc-provider's login checks too.
      password: s.passwordHashes?.[u.username] ?? u.password,
      claims: { name: u.name },
    })),
    backgroundJobs: false,
  };
}

if (process.send) {
  const sigil = await createIdentityServer(sigilOptions(setup));
  await sigil.listen(setup.port, '127.0.0.1');
  reportReady({
    // `job`: the cleanup job's pass (src/server/cleanup-expired.ts) with the default batch size.
    // `unpaced`: the sweep as the first benchmark ran it, batches of 500 awaited back to back.
    async cleanup({ sweep = 'job' } = {}) {
      const started = process.hrtime.bigint();
      const now = Math.floor(Date.now() / 1000);
      let removed = 0;
      if (sweep === 'job') {
        removed = (await cleanupExpired(sigil.stores, now, CLEANUP_DEFAULTS.batchSize)).grants;
      } else {
        for (;;) {
          const n = await sigil.stores.grants.removeExpired(now, 500);
          removed += n;
          if (n === 0) break;
        }
      }
      return { removed, ms: Number(process.hrtime.bigint() - started) / 1e6 };
    },
  });
}
