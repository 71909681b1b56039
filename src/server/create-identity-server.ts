/**
 * The composition root: validates options, opens stores, loads data protection and signing keys,
 * registers grants, builds the context and the route table, and starts the background jobs. There
 * is no DI container; everything is wired here once.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateOptions } from '../config/validate-options.js';
import { openConfiguration } from '../configuration/open-configuration.js';
import type { ServerContext } from '../context.js';
import { createDataProtection } from '../crypto/data-protection.js';
import { checkMasterKey, reportUnreadableSigningKeys } from '../crypto/data-protection-diagnostics.js';
import { createKeyManager } from '../crypto/key-manager.js';
import { defaultApplicationName, resolveMasterKey } from '../crypto/master-key.js';
import { createEventService } from '../events/event-service.js';
import { createFetchHandler } from '../host/fetch-handler.js';
import { createNodeListener } from '../host/node-listener.js';
import { createRouter } from '../host/router.js';
import { DiscoveryCache } from '../response/discovery.js';
import { createLogger } from '../telemetry/logger.js';
import { createTelemetry } from '../telemetry/telemetry.js';
import { createDefaultProfileService } from '../users/default-profile-service.js';
import { createDefaultUserStore } from '../users/default-user-store.js';
import { GrantRegistry } from '../validation/token/grant.js';
import { BUILT_IN_GRANTS } from './built-in-grants.js';
import { configurationJobs } from './configuration-job.js';
import { endpointUrls } from './endpoint-urls.js';
import { startJobs } from './jobs.js';
import { openStores } from './open-stores.js';
import { pinConfiguration } from './pin-configuration.js';
import { protocolRoutes } from './routes.js';
import { serverJobs } from './server-jobs.js';
import { createSignInServices, type SignInServices, signInRoutes } from './sign-in-services.js';
import type { CreateIdentityServerOptions, IdentityServer } from './types.js';

/**
 * Create an identity server from options (the same shape as `sigil.config.json`) and code hooks.
 * Invalid options stop start-up with a {@link ConfigurationError} naming every bad item and field.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { createIdentityServer } from 'sigil-identity';
 *
 * const sigil = await createIdentityServer({
 *   issuer: 'https://login.example.com',
 *   store: { type: 'postgres', url: process.env.DATABASE_URL },
 *   apiScopes: [{ name: 'orders.read' }],
 *   clients: [{ clientId: 'svc', clientSecrets: [{ value: 'sha256:…' }],
 *               allowedGrantTypes: ['client_credentials'], allowedScopes: ['orders.read'] }],
 * });
 * createServer(sigil.handler).listen(5000);
 * process.on('SIGTERM', () => sigil.close());
 * ```
 */
export async function createIdentityServer(options: CreateIdentityServerOptions): Promise<IdentityServer> {
  const env = options.env ?? process.env;
  const grants = new GrantRegistry();
  for (const g of BUILT_IN_GRANTS) grants.register(g);
  for (const g of options.grants ?? []) grants.register(g);
  const resolved = validateOptions(options, { env, extraGrantTypes: new Set(grants.types()) });
  const logger = options.logger ?? createLogger(resolved.logLevel);
  for (const w of resolved.warnings) logger.warn(w);
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));

  const stores = options.stores ?? (await openStores(resolved, logger));
  try {
    const { key: masterKey, source, path } = await resolveMasterKey(resolved.dataProtection, env, resolved.dataDir);
    const applicationName = resolved.dataProtection.applicationName ?? defaultApplicationName(resolved.issuer);
    const before = await checkMasterKey({
      store: stores.protectionKeys,
      applicationName,
      masterKey,
      source,
      path,
      ignoreUnreadable: resolved.dataProtection.dangerouslyIgnoreUnreadableKeys === true,
      logger,
    });
    const dataProtection = await createDataProtection({
      store: stores.protectionKeys,
      locks: stores.locks,
      applicationName,
      masterKey,
      keyLifetime: resolved.dataProtection.keyLifetime,
      now,
      logger,
    });
    const keys = await createKeyManager({
      config: resolved.keyManagement,
      store: stores.signingKeys,
      locks: stores.locks,
      protector: dataProtection.createProtector('signing-keys'),
      refreshInterval: resolved.keyManagement.keyCacheDuration,
      now,
      logger,
    });
    reportUnreadableSigningKeys(keys.list(), applicationName, before.stored === 0, logger);
    const users = options.userStore ?? (await createDefaultUserStore(resolved.users, stores.users));
    const extraGrantTypes = new Set(grants.types());
    const configuration = await openConfiguration({ input: options, resolved, stores, extraGrantTypes, logger });
    const { snapshots } = configuration;
    const telemetry = createTelemetry(resolved.telemetry);
    const context: ServerContext = {
      // Clients and resources can change at run time: read the current configuration snapshot.
      get options() {
        return snapshots.current.options;
      },
      get clients() {
        return snapshots.current.clients;
      },
      issuer: resolved.issuer,
      urls: endpointUrls(resolved.issuer),
      stores,
      keys,
      protection: dataProtection,
      events: createEventService(resolved.events, logger, options.eventSink, telemetry.observeEvent),
      logger,
      users,
      profile: options.profileService ?? createDefaultProfileService(users),
      grantTypes: grants,
      now,
    };
    // Discovery advertises exactly the mounted paths, so it learns them from the route table.
    const paths = new Set<string>();
    const discovery = new DiscoveryCache(context, { paths });
    snapshots.onChange(() => discovery.invalidate());
    const signIn = createSignInServices(context, options.onSessionsRevoked);
    const routes = [...protocolRoutes(discovery), ...signInRoutes(signIn)];
    for (const r of routes) paths.add(r.path);
    const dispatch = createRouter(pinConfiguration(routes, context, snapshots), context, telemetry.wrapRoute);
    const jobs = startJobs(
      options.backgroundJobs === false
        ? []
        : [
            ...serverJobs(context, keys, dataProtection, signIn.onSessionsExpired),
            ...configurationJobs(resolved, snapshots),
          ],
      logger,
    );
    return { ...assemble(context, dispatch, jobs, keys, dataProtection, signIn), configuration: configuration.admin };
  } catch (e) {
    await stores.close().catch(() => undefined);
    throw e;
  }
}

function assemble(
  context: ServerContext,
  dispatch: ReturnType<typeof createRouter>,
  jobs: ReturnType<typeof startJobs>,
  keys: Awaited<ReturnType<typeof createKeyManager>>,
  dataProtection: Awaited<ReturnType<typeof createDataProtection>>,
  signIn: SignInServices,
): Omit<IdentityServer, 'configuration'> {
  const handler = createNodeListener(dispatch, context);
  const fetchHandler = createFetchHandler(dispatch, context);
  const servers = new Set<Server>();
  let closing: Promise<void> | undefined;
  return {
    issuer: context.issuer,
    handler,
    fetch: fetchHandler,
    keys,
    dataProtection,
    stores: context.stores,
    grants: context.grantTypes,
    interaction: signIn.interaction,
    sessions: signIn.sessions,
    consents: signIn.consents,
    context,
    runJob: (name) => jobs.runNow(name),
    listen(port, host) {
      const server = createServer({ keepAliveTimeout: 5000, requestTimeout: 30_000 }, handler);
      servers.add(server);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const a = server.address() as AddressInfo;
          const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          resolve({ server, url: `http://${h === '[::]' || h === '0.0.0.0' ? 'localhost' : h}:${a.port}` });
        });
      });
    },
    close() {
      closing ??= (async () => {
        // Jobs stop at once (a cleanup pass ends after its current batch) while requests drain;
        // the stores close only when both are done.
        await Promise.all([...[...servers].map(closeGracefully), jobs.stop()]);
        await signIn.runtime.backChannel.stop();
        await context.stores.close();
      })();
      return closing;
    },
  };
}

/** Stop accepting, close idle keep-alive sockets, and wait for in-flight requests. */
function closeGracefully(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
