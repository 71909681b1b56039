/**
 * Documented defaults: the one place where every option's default is defined. Durations are in
 * seconds. Values follow Duende IdentityServer 7.2 unless a comment says why Sigil differs.
 */

const DAY = 86_400;

/** Client defaults (Duende `Client`). */
export const CLIENT_DEFAULTS = {
  enabled: true,
  requireClientSecret: true,
  accessTokenType: 'jwt',
  accessTokenLifetime: 3600,
  alwaysSendClientClaims: false,
  clientClaimsPrefix: 'client_',
  frontChannelLogoutSessionRequired: true,
  backChannelLogoutSessionRequired: true,
  allowOfflineAccess: false,
  requireConsent: false,
  allowRememberConsent: true,
  /** PKCE is required for every client (RFC 9700 §2.1.1). */
  requirePkce: true,
  allowPlainTextPkce: false,
  allowAccessTokensViaBrowser: false,
  alwaysIncludeUserClaimsInIdToken: false,
  identityTokenLifetime: 300,
  authorizationCodeLifetime: 300,
  /** Sigil differs from Duende (`ReUse`): one-time refresh tokens with family revocation (RFC 9700 §4.14.2). */
  refreshTokenUsage: 'oneTimeOnly',
  refreshTokenExpiration: 'absolute',
  absoluteRefreshTokenLifetime: 30 * DAY,
  slidingRefreshTokenLifetime: 15 * DAY,
  updateAccessTokenClaimsOnRefresh: false,
  /** Seconds a rotated refresh token may be presented again, for concurrent refreshes. */
  refreshTokenReuseGracePeriod: 0,
  requireDPoP: false,
  applicationType: 'web',
  /** Authorization requests must be pushed (RFC 9126 §5, Duende `RequirePushedAuthorization`). */
  requirePushedAuthorization: false,
} as const;

/** Pushed authorization requests (Duende `PushedAuthorizationOptions`, RFC 9126). */
export const PUSHED_AUTHORIZATION_DEFAULTS = {
  /** Every client must push its authorization requests (RFC 9126 §5 `require_pushed_authorization_requests`). */
  required: false,
  /** Seconds a `request_uri` is valid (RFC 9126 §2.2 `expires_in`); a client's `pushedAuthorizationLifetime` overrides it. */
  lifetime: 600,
  /**
   * Duende's `AllowUnregisteredPushedRedirectUris` (RFC 9126 §2.4). Only `false` is supported: a pushed
   * `redirect_uri` must be registered like any other.
   */
  allowUnregisteredPushedRedirectUris: false,
} as const;

/** Key management defaults (Duende `KeyManagementOptions`). Sigil creates RS256 and ES256 keys. */
export const KEY_MANAGEMENT_DEFAULTS = {
  enabled: true,
  signingAlgorithms: ['RS256', 'ES256'],
  rotationInterval: 90 * DAY,
  propagationTime: 14 * DAY,
  retentionDuration: 14 * DAY,
  rsaKeySize: 2048,
  deleteRetiredKeys: true,
  /**
   * Seconds between reloads of the key store. Duende caches keys for 24 h; Sigil reloads every
   * 5 minutes because a reload is one small query, and a forced rotation (`sigil keys rotate`)
   * then reaches every instance within minutes. The key manager also reloads at least four times
   * per `propagationTime`, so no instance can miss a new key before it signs.
   */
  keyCacheDuration: 300,
} as const;

/**
 * Expired-artifact cleanup defaults (Duende `OperationalStoreOptions`). Duende leaves
 * `EnableTokenCleanup` off because its EF store is optional; Sigil always owns its store, so the
 * cleanup is on. Interval and batch size are Duende's.
 */
export const CLEANUP_DEFAULTS = {
  enabled: true,
  /** Seconds between runs (`TokenCleanupInterval`); the first run is at a random time within it. */
  interval: 3600,
  /** Rows deleted per statement (`TokenCleanupBatchSize`); small, so no statement holds locks for long. */
  batchSize: 100,
} as const;

/** Authentication (session cookie) defaults. */
export const AUTHENTICATION_DEFAULTS = {
  cookieName: 'sigil.session',
  cookieLifetime: 10 * 3600,
  cookieSlidingExpiration: false,
  serverSideSessions: true,
  lockoutThreshold: 5,
  lockoutDuration: 300,
  backChannelLogoutTimeout: 5,
  backChannelLogoutAttempts: 3,
  expiredSessionsTriggerBackChannelLogout: false,
} as const;

/**
 * Clients and resources in the database (`configurationStore`). Off by default: then only the
 * configuration file's items exist, as before.
 */
export const CONFIGURATION_STORE_DEFAULTS = {
  /** Merge the database's clients and resources into the file's, and serve the admin API. */
  enabled: false,
  /**
   * Seconds between two checks of the store's version. A change made on another instance (or
   * with `sigil clients ...`) is served after at most this long; a change made through this
   * instance's admin API is served at once.
   */
  refreshInterval: 30,
} as const;

/**
 * OpenTelemetry (`telemetry`). Sigil only calls `@opentelemetry/api`: nothing is recorded or
 * exported until the host registers an SDK, and then only what that SDK samples and exports.
 */
export const TELEMETRY_DEFAULTS = {
  /** A span per request, named after the route, with client id, grant type and OAuth error code. */
  tracing: true,
  /** `sigil.tokens.issued`, `sigil.requests.duration`, `sigil.client_auth.failures`, `sigil.introspection.requests`. */
  metrics: true,
} as const;

/** Top-level defaults. */
export const SERVER_DEFAULTS = {
  dataDir: './data',
  strictClientAssertionAudience: false,
  accessTokenJwtType: 'at+jwt',
  emitScopesAsSpaceDelimitedStringInJwt: false,
  discoveryCacheMaxAge: 3600,
  maxBodySize: 64 * 1024,
  /**
   * Seconds of clock offset tolerated on client assertions: how far `iat`/`nbf` may lie in the
   * future, and how long after `exp` an assertion is still accepted. Must be 10..60 (FAPI 2.0
   * §5.3.2.1: accept up to 10 s in the future, reject beyond 60 s).
   */
  clockSkew: 60,
  maxClientAssertionLifetime: 300,
  logLevel: 'info',
} as const;

/** The standard identity resources of OpenID Connect Core §5.4 (and `openid`). */
export const STANDARD_IDENTITY_RESOURCES: Record<
  string,
  { displayName: string; userClaims: string[]; required?: boolean }
> = {
  openid: { displayName: 'Your user identifier', userClaims: ['sub'], required: true },
  profile: {
    displayName: 'User profile',
    userClaims: [
      'name',
      'family_name',
      'given_name',
      'middle_name',
      'nickname',
      'preferred_username',
      'profile',
      'picture',
      'website',
      'gender',
      'birthdate',
      'zoneinfo',
      'locale',
      'updated_at',
    ],
  },
  email: { displayName: 'Your email address', userClaims: ['email', 'email_verified'] },
  address: { displayName: 'Your postal address', userClaims: ['address'] },
  phone: { displayName: 'Your phone number', userClaims: ['phone_number', 'phone_number_verified'] },
};

/** Smallest accepted `clockSkew`: FAPI 2.0 §5.3.2.1 requires accepting `iat`/`nbf` up to 10 s in the future. */
export const MIN_CLOCK_SKEW = 10;
/** Largest accepted `clockSkew`: FAPI 2.0 §5.3.2.1 requires rejecting `iat`/`nbf` beyond 60 s in the future. */
export const MAX_CLOCK_SKEW = 60;

/** Identity resources used when `identityResources` is omitted. */
export const DEFAULT_IDENTITY_RESOURCES = ['openid', 'profile', 'email'] as const;

/** Grant types Sigil knows out of the box. */
export const KNOWN_GRANT_TYPES = new Set([
  'client_credentials',
  'authorization_code',
  'refresh_token',
  'implicit',
  'hybrid',
  'urn:ietf:params:oauth:grant-type:device_code',
]);

/** Redirect-URI schemes refused at configuration time (Duende `InvalidRedirectUriPrefixes`). */
export const INVALID_REDIRECT_URI_PREFIXES = [
  'javascript:',
  'file:',
  'data:',
  'mailto:',
  'ftp:',
  'blob:',
  'about:',
  'ssh:',
  'tel:',
  'view-source:',
  'ws:',
  'wss:',
  'vbscript:',
];

/** Signing algorithms Sigil can create keys for. */
export const SUPPORTED_SIGNING_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
