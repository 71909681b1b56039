/**
 * A cluster of real `sigil start` processes for the multi-instance test: a throwaway PostgreSQL
 * database migrated once with `sigil migrate`, Redis for replay detection, locks and the cache,
 * one shared master key, and a round-robin proxy whose URL is the issuer of every instance.
 * Each instance runs in a working directory of its own.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { formatHashedSecret } from '../../../src/crypto/secrets.js';
import {
  deleteKeys,
  redisSkipReason,
  TEST_REDIS_URL,
  testKeyPrefix,
} from '../../../src/stores/redis/redis-under-test.case.js';
import { type ThrowawayDatabase, throwawayDatabase } from '../../../src/stores/sql/test-databases.case.js';
import { runSigil, type SigilProcess, startSigil } from '../support/sigil-process.js';
import { type RoundRobinProxy, startRoundRobinProxy } from './round-robin-proxy.js';

/** Client and API credentials of the cluster's configuration. */
export const CREDENTIALS = {
  jwt: { id: 'svc-jwt', secret: 'svc-jwt-secret' },
  reference: { id: 'svc-ref', secret: 'svc-ref-secret' },
  pkjwt: { id: 'svc-pkjwt' },
  api: { id: 'orders', secret: 'orders-api-secret' },
} as const;

/** Key timings small enough to see a rotation within the test. */
export const KEY_TIMINGS = { propagationTime: 15, keyCacheDuration: 2, rotationInterval: 3600, retentionDuration: 120 };

/** A running cluster. */
export interface Cluster {
  readonly issuer: string;
  readonly instances: SigilProcess[];
  readonly proxy: RoundRobinProxy;
  readonly config: string;
  /** Environment every `sigil` process of the cluster gets. */
  readonly env: Record<string, string>;
  readonly root: string;
  /** The private key of the `private_key_jwt` client. */
  readonly clientKey: CryptoKey;
  close(): Promise<void>;
}

/**
 * Start the cluster, or resolve the reason to skip when PostgreSQL or Redis is unreachable
 * outside CI (under `CI=true` that throws instead).
 */
export async function startCluster(size: number): Promise<Cluster | string> {
  const redisDown = await redisSkipReason();
  if (redisDown) return redisDown;
  const database = await throwawayDatabase('postgres');
  if (!database) return 'PostgreSQL is unreachable';
  const keyPrefix = testKeyPrefix();
  const root = await mkdtemp(join(tmpdir(), 'sigil-cluster-'));
  const proxy = await startRoundRobinProxy();
  const instances: SigilProcess[] = [];
  const cleanup = async () => {
    await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    await proxy.close();
    await database.drop();
    await deleteKeys(keyPrefix);
    await rm(root, { recursive: true, force: true });
  };
  try {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const config = join(root, 'sigil.config.json');
    await writeFile(config, JSON.stringify(configuration(proxy.url, database, keyPrefix, await exportJWK(publicKey))));
    const env = { SIGIL_DATA_PROTECTION_KEY: randomBytes(32).toString('base64') };
    const migrated = await runSigil(['migrate', '--config', config], { cwd: join(root, 'ops'), env });
    if (migrated.code !== 0) throw new Error(`sigil migrate failed:\n${migrated.stderr}${migrated.stdout}`);
    // All at once, as after a deployment: they agree on one key ring and one signing key per algorithm.
    const names = Array.from({ length: size }, (_, i) => String.fromCharCode(97 + i));
    instances.push(...(await Promise.all(names.map((n) => startSigil(n, config, { cwd: join(root, n), env })))));
    proxy.setTargets(instances.map((i) => i.url));
    return { issuer: proxy.url, instances, proxy, config, env, root, clientKey: privateKey, close: cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

function configuration(issuer: string, database: ThrowawayDatabase, keyPrefix: string, clientJwk: object): object {
  const c = CREDENTIALS;
  return {
    issuer,
    // Migrated by `sigil migrate` before the rollout; instances refuse to start on a stale schema.
    store: { type: 'postgres', url: database.options.url, poolSize: 5, migrate: false },
    cache: { type: 'redis', url: TEST_REDIS_URL, keyPrefix },
    dataProtection: { applicationName: 'sigil-multi-instance-test' },
    keyManagement: { signingAlgorithms: ['ES256'], ...KEY_TIMINGS },
    logLevel: 'info',
    apiScopes: [{ name: 'orders.read' }],
    apiResources: [
      { name: c.api.id, scopes: ['orders.read'], apiSecrets: [{ value: formatHashedSecret(c.api.secret) }] },
    ],
    clients: [
      {
        clientId: c.jwt.id,
        clientSecrets: [{ value: formatHashedSecret(c.jwt.secret) }],
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read'],
      },
      {
        clientId: c.reference.id,
        clientSecrets: [{ value: formatHashedSecret(c.reference.secret) }],
        accessTokenType: 'reference',
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read'],
      },
      {
        clientId: c.pkjwt.id,
        jwks: { keys: [{ ...clientJwk, kid: 'pkjwt-1', alg: 'ES256', use: 'sig' }] },
        tokenEndpointAuthMethod: 'private_key_jwt',
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read'],
      },
    ],
  };
}
