/**
 * Validates `IdentityServerOptions` at start-up and resolves defaults. Every problem is reported
 * at once, each naming the item and the field; any problem stops start-up.
 */
import { ConfigurationError, ItemChecker } from './configuration-error.js';
import {
  AUTHENTICATION_DEFAULTS,
  CLEANUP_DEFAULTS,
  CONFIGURATION_STORE_DEFAULTS,
  KEY_MANAGEMENT_DEFAULTS,
  MAX_CLOCK_SKEW,
  MIN_CLOCK_SKEW,
  SERVER_DEFAULTS,
  SUPPORTED_SIGNING_ALGORITHMS,
  TELEMETRY_DEFAULTS,
} from './defaults.js';
import type { Client } from './model.js';
import type { ResolvedOptions } from './resolved.js';
import type { IdentityServerOptions, UserInput } from './types.js';
import { validateClient } from './validate-client.js';
import { validatePushedAuthorization } from './validate-pushed-authorization.js';
import { validateResources } from './validate-resources.js';
import { validateStaticKeys } from './validate-static-keys.js';
import { validateUi } from './validate-ui.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Options for validation itself. */
export interface ValidateContext {
  /** Grant types registered by extensions, accepted in `allowedGrantTypes`. */
  extraGrantTypes?: ReadonlySet<string>;
  env?: Record<string, string | undefined>;
}

/** Validate options; throws {@link ConfigurationError} listing every problem. */
export function validateOptions(options: IdentityServerOptions, vc: ValidateContext = {}): ResolvedOptions {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (typeof options !== 'object' || options === null) throw new ConfigurationError('options: must be an object');
  const o = options as unknown as Record<string, unknown>;
  const top = new ItemChecker('options', errors);
  const issuer = top.str(o, 'issuer', true) ?? '';
  if (issuer) {
    try {
      const u = new URL(issuer);
      if (u.search || u.hash) top.fail('issuer', 'must not have a query or fragment (RFC 8414 §2)');
      if (u.protocol !== 'https:' && u.protocol !== 'http:') top.fail('issuer', 'must be an https URL');
      if (issuer.endsWith('/')) top.fail('issuer', 'must not end with "/"');
      if (u.protocol === 'http:' && !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) {
        warnings.push('issuer uses http on a non-loopback host; use https in production');
      }
    } catch {
      top.fail('issuer', 'must be an absolute URL');
    }
  }
  const resources = validateResources(o, errors, warnings);
  const knownScopes = new Set([...resources.identityResources.keys(), ...resources.apiScopes.keys()]);
  const clients = new Map<string, Client>();
  const rawClients = o.clients ?? [];
  if (!Array.isArray(rawClients)) errors.push('clients: must be an array');
  else
    rawClients.forEach((raw, i) => {
      const c = validateClient(raw, i, knownScopes, vc.extraGrantTypes ?? new Set(), errors, warnings);
      if (!c) return;
      if (clients.has(c.clientId)) errors.push(`client "${c.clientId}": clientId is defined twice`);
      // Introspection authenticates API resources first, so such a client could never introspect.
      if (resources.apiResources.has(c.clientId) && resources.apiResources.get(c.clientId)!.secrets.length > 0)
        warnings.push(
          `client "${c.clientId}": clientId is also the name of an API resource with secrets; at the introspection endpoint the API resource wins`,
        );
      clients.set(c.clientId, c);
    });

  const users = validateUsers(o.users, errors);
  const km = (o.keyManagement ?? {}) as Record<string, unknown>;
  const kc = new ItemChecker('keyManagement', errors);
  const signingAlgorithms = kc.strings(km, 'signingAlgorithms');
  for (const a of signingAlgorithms)
    if (!SUPPORTED_SIGNING_ALGORITHMS.includes(a)) kc.fail('signingAlgorithms', `"${a}" is not supported`);
  const rotationInterval = kc.seconds(km, 'rotationInterval', KEY_MANAGEMENT_DEFAULTS.rotationInterval);
  const propagationTime = kc.seconds(km, 'propagationTime', KEY_MANAGEMENT_DEFAULTS.propagationTime);
  if (rotationInterval <= propagationTime) kc.fail('rotationInterval', 'must be greater than propagationTime');
  const keyCacheDuration = kc.seconds(km, 'keyCacheDuration', KEY_MANAGEMENT_DEFAULTS.keyCacheDuration);
  if (keyCacheDuration > Math.max(1, Math.floor(propagationTime / 4)))
    warnings.push(
      `keyManagement.keyCacheDuration (${keyCacheDuration} s) exceeds a quarter of propagationTime; keys are reloaded every ${Math.max(1, Math.floor(propagationTime / 4))} s instead, so every instance sees a new key before it signs`,
    );
  const staticKeys = validateStaticKeys(km.staticKeys, kc);
  const keyManagement = {
    enabled: kc.bool(km, 'enabled', KEY_MANAGEMENT_DEFAULTS.enabled),
    signingAlgorithms: signingAlgorithms.length ? signingAlgorithms : [...KEY_MANAGEMENT_DEFAULTS.signingAlgorithms],
    rotationInterval,
    propagationTime,
    retentionDuration: kc.seconds(km, 'retentionDuration', KEY_MANAGEMENT_DEFAULTS.retentionDuration, true),
    rsaKeySize: kc.integer(km, 'rsaKeySize', KEY_MANAGEMENT_DEFAULTS.rsaKeySize, 'bits'),
    deleteRetiredKeys: kc.bool(km, 'deleteRetiredKeys', KEY_MANAGEMENT_DEFAULTS.deleteRetiredKeys),
    keyCacheDuration,
    staticKeys,
  };
  if (keyManagement.rsaKeySize < 2048) kc.fail('rsaKeySize', 'must be at least 2048');
  const declaredStaticKeys = Array.isArray(km.staticKeys) ? km.staticKeys.length : 0;
  if (!keyManagement.enabled && declaredStaticKeys === 0)
    kc.fail('staticKeys', 'must not be empty when key management is disabled');
  else if (
    !keyManagement.enabled &&
    staticKeys.length === declaredStaticKeys &&
    staticKeys.every((k) => k.validationOnly === true)
  )
    kc.fail('staticKeys', 'must contain a key without validationOnly when key management is disabled');

  const store = (o.store ?? {}) as Record<string, unknown>;
  const sc = new ItemChecker('store', errors);
  const storeType = sc.oneOf(store, 'type', ['sqlite', 'postgres', 'mysql', 'memory'] as const, 'sqlite');
  if ((storeType === 'postgres' || storeType === 'mysql') && typeof store.url !== 'string')
    sc.fail('url', `is required for a ${storeType} store`);
  const cache = (o.cache ?? {}) as Record<string, unknown>;
  const cc = new ItemChecker('cache', errors);
  const cacheType = cc.oneOf(cache, 'type', ['memory', 'redis'] as const, 'memory');
  if (cacheType === 'redis' && typeof cache.url !== 'string') cc.fail('url', 'is required for a redis cache');
  const cs = (o.configurationStore ?? {}) as Record<string, unknown>;
  const csc = new ItemChecker('configurationStore', errors);
  const configurationStore = {
    enabled: csc.bool(cs, 'enabled', CONFIGURATION_STORE_DEFAULTS.enabled),
    refreshInterval: csc.seconds(cs, 'refreshInterval', CONFIGURATION_STORE_DEFAULTS.refreshInterval),
  };
  if (configurationStore.enabled && storeType === 'memory')
    warnings.push('configurationStore: with a memory store, database clients and resources are lost at restart');
  const cl = (o.cleanup ?? {}) as Record<string, unknown>;
  const clc = new ItemChecker('cleanup', errors);
  const cleanup = {
    enabled: clc.bool(cl, 'enabled', CLEANUP_DEFAULTS.enabled),
    interval: clc.seconds(cl, 'interval', CLEANUP_DEFAULTS.interval),
    batchSize: clc.integer(cl, 'batchSize', CLEANUP_DEFAULTS.batchSize, 'rows'),
  };
  const ev = (o.events ?? {}) as Record<string, unknown>;
  const evc = new ItemChecker('events', errors);
  const auth = (o.authentication ?? {}) as Record<string, unknown>;
  const ac = new ItemChecker('authentication', errors);
  const env = vc.env ?? process.env;
  const production = top.bool(o, 'production', env.NODE_ENV === 'production');
  const dp = (o.dataProtection ?? {}) as Record<string, unknown>;
  if (production && typeof dp.applicationName !== 'string') {
    warnings.push(
      `dataProtection.applicationName is not set, so it is derived from the issuer ("sigil:${issuer.toLowerCase()}"); ` +
        'if the issuer ever changes, data protected before and the signing keys become unreadable. Set it explicitly, ' +
        'to the same value on every instance',
    );
  }
  if (new ItemChecker('dataProtection', errors).bool(dp, 'dangerouslyIgnoreUnreadableKeys', false))
    warnings.push('dataProtection.dangerouslyIgnoreUnreadableKeys is on: remove it once the server has started');
  const resolved: ResolvedOptions = {
    issuer,
    clients,
    resources,
    users,
    keyManagement,
    store: { ...(store as object), type: storeType },
    cache: { ...(cache as object), type: cacheType },
    configurationStore,
    dataProtection: dp,
    cleanup,
    pushedAuthorization: validatePushedAuthorization(o.pushedAuthorization, errors),
    events: {
      success: evc.bool(ev, 'raiseSuccessEvents', false),
      failure: evc.bool(ev, 'raiseFailureEvents', false),
      information: evc.bool(ev, 'raiseInformationEvents', false),
      error: evc.bool(ev, 'raiseErrorEvents', false),
    },
    telemetry: validateTelemetry(o.telemetry, errors),
    ui: validateUi(o.ui, errors),
    authentication: {
      cookieName: ac.str(auth, 'cookieName') ?? AUTHENTICATION_DEFAULTS.cookieName,
      cookieLifetime: ac.seconds(auth, 'cookieLifetime', AUTHENTICATION_DEFAULTS.cookieLifetime),
      cookieSlidingExpiration: ac.bool(
        auth,
        'cookieSlidingExpiration',
        AUTHENTICATION_DEFAULTS.cookieSlidingExpiration,
      ),
      serverSideSessions: ac.bool(auth, 'serverSideSessions', AUTHENTICATION_DEFAULTS.serverSideSessions),
      lockoutThreshold: ac.integer(auth, 'lockoutThreshold', AUTHENTICATION_DEFAULTS.lockoutThreshold, 'failed logins'),
      lockoutDuration: ac.seconds(auth, 'lockoutDuration', AUTHENTICATION_DEFAULTS.lockoutDuration),
      backChannelLogoutTimeout: ac.seconds(
        auth,
        'backChannelLogoutTimeout',
        AUTHENTICATION_DEFAULTS.backChannelLogoutTimeout,
      ),
      backChannelLogoutAttempts: ac.integer(
        auth,
        'backChannelLogoutAttempts',
        AUTHENTICATION_DEFAULTS.backChannelLogoutAttempts,
        'attempts',
      ),
      expiredSessionsTriggerBackChannelLogout: ac.bool(
        auth,
        'expiredSessionsTriggerBackChannelLogout',
        AUTHENTICATION_DEFAULTS.expiredSessionsTriggerBackChannelLogout,
      ),
    },
    dataDir: top.str(o, 'dataDir') ?? SERVER_DEFAULTS.dataDir,
    strictClientAssertionAudience: top.bool(
      o,
      'strictClientAssertionAudience',
      SERVER_DEFAULTS.strictClientAssertionAudience,
    ),
    accessTokenJwtType: top.str(o, 'accessTokenJwtType') ?? SERVER_DEFAULTS.accessTokenJwtType,
    emitScopesAsSpaceDelimitedStringInJwt: top.bool(
      o,
      'emitScopesAsSpaceDelimitedStringInJwt',
      SERVER_DEFAULTS.emitScopesAsSpaceDelimitedStringInJwt,
    ),
    discoveryCacheMaxAge: top.seconds(o, 'discoveryCacheMaxAge', SERVER_DEFAULTS.discoveryCacheMaxAge, true),
    discoveryCustomEntries: (o.discoveryCustomEntries ?? {}) as Record<string, unknown>,
    maxBodySize: top.integer(o, 'maxBodySize', SERVER_DEFAULTS.maxBodySize, 'bytes'),
    clockSkew: readClockSkew(top, o),
    maxClientAssertionLifetime: top.seconds(
      o,
      'maxClientAssertionLifetime',
      SERVER_DEFAULTS.maxClientAssertionLifetime,
    ),
    // pino throws at start-up on an unknown level; say which option is wrong instead.
    logLevel: top.oneOf(o, 'logLevel', LOG_LEVELS, SERVER_DEFAULTS.logLevel),
    production,
    warnings,
  };
  if (errors.length) throw new ConfigurationError(`invalid configuration:\n  - ${errors.join('\n  - ')}`, errors);
  return resolved;
}

/**
 * `clockSkew` bounds how far in the future a client assertion's `iat`/`nbf` may be. FAPI 2.0
 * §5.3.2.1 says accept up to 10 s and reject beyond 60 s, so only 10..60 keeps both promises.
 */
function readClockSkew(top: ItemChecker, o: Record<string, unknown>): number {
  const before = top.errors.length;
  const skew = top.seconds(o, 'clockSkew', SERVER_DEFAULTS.clockSkew, true);
  if (top.errors.length === before && (skew < MIN_CLOCK_SKEW || skew > MAX_CLOCK_SKEW)) {
    top.fail(
      'clockSkew',
      `must be between ${MIN_CLOCK_SKEW} and ${MAX_CLOCK_SKEW} seconds (FAPI 2.0 §5.3.2.1: accept iat/nbf up to 10 s in the future, reject beyond 60 s)`,
    );
  }
  return skew;
}

function validateTelemetry(raw: unknown, errors: string[]): ResolvedOptions['telemetry'] {
  if (raw === undefined || raw === null) return { ...TELEMETRY_DEFAULTS };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push('telemetry: must be an object');
    return { ...TELEMETRY_DEFAULTS };
  }
  const t = raw as Record<string, unknown>;
  const c = new ItemChecker('telemetry', errors);
  return {
    tracing: c.bool(t, 'tracing', TELEMETRY_DEFAULTS.tracing),
    metrics: c.bool(t, 'metrics', TELEMETRY_DEFAULTS.metrics),
  };
}

function validateUsers(raw: unknown, errors: string[]): UserInput[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    errors.push('users: must be an array');
    return [];
  }
  const seen = new Set<string>();
  return raw.flatMap((u, i) => {
    const o = (u ?? {}) as Record<string, unknown>;
    const c = new ItemChecker(`user "${typeof o.username === 'string' ? o.username : `#${i}`}"`, errors);
    const subjectId = c.str(o, 'subjectId', true);
    const username = c.str(o, 'username', true);
    const password = c.str(o, 'password', true);
    if (o.claims !== undefined && (typeof o.claims !== 'object' || o.claims === null || Array.isArray(o.claims))) {
      c.fail('claims', 'must be an object of claim names and values');
    }
    if (username && seen.has(username.toLowerCase())) c.fail('username', 'is defined twice');
    if (username) seen.add(username.toLowerCase());
    if (!subjectId || !username || !password) return [];
    return [{ subjectId, username, password, claims: (o.claims ?? {}) as UserInput['claims'] }];
  });
}
