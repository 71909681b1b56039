/**
 * The configuration model. Names follow Duende IdentityServer in camelCase so that a Duende
 * configuration translates field by field. The standalone server reads the same shape from JSON.
 * Defaults are documented in `defaults.ts`.
 */

/** A client secret as written in configuration. `value` is plain (hashed at load, with a warning) or `sha256:<base64>`. */
export interface SecretInput {
  value: string;
  description?: string;
  /** ISO date or epoch seconds after which the secret is no longer accepted. */
  expiration?: string | number;
  /** `SharedSecret` (default). Other Duende types are not supported yet. */
  type?: string;
}

/** `jwt` or `reference`; matched case-insensitively (`Jwt`, `Reference` work). */
export type AccessTokenType = 'jwt' | 'reference';
/** RFC 7591 token endpoint authentication methods Sigil implements. */
export type TokenEndpointAuthMethod =
  | 'client_secret_basic'
  | 'client_secret_post'
  | 'client_secret_jwt'
  | 'private_key_jwt'
  | 'none';
/** Duende `RefreshTokenUsage`. */
export type RefreshTokenUsage = 'oneTimeOnly' | 'reUse';
/** Duende `TokenExpiration`. */
export type RefreshTokenExpiration = 'absolute' | 'sliding';

/** A claim on a client (Duende `ClientClaim`). */
export interface ClientClaimInput {
  type: string;
  value: string | number | boolean;
}

/** A client as written in configuration (Duende `Client`). */
export interface ClientInput {
  clientId: string;
  clientName?: string;
  description?: string;
  enabled?: boolean;
  clientSecrets?: SecretInput[];
  requireClientSecret?: boolean;
  allowedGrantTypes: string[];
  allowedScopes?: string[];
  accessTokenType?: AccessTokenType | string;
  accessTokenLifetime?: number;
  claims?: ClientClaimInput[] | Record<string, string | number | boolean>;
  alwaysSendClientClaims?: boolean;
  clientClaimsPrefix?: string;
  /** Inline public keys for `private_key_jwt` (a JWK Set). */
  jwks?: { keys: Record<string, unknown>[] };
  jwksUri?: string;
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod | string;
  allowedAccessTokenSigningAlgorithms?: string[];
  allowedIdentityTokenSigningAlgorithms?: string[];
  /** Turns on strict client-assertion audience for this client (FAPI 2.0 §5.3.2.1-8). */
  strictClientAssertionAudience?: boolean;
  // --- interactive sign-in (issue: interactive sign-in) ---
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  frontChannelLogoutUri?: string;
  frontChannelLogoutSessionRequired?: boolean;
  backChannelLogoutUri?: string;
  backChannelLogoutSessionRequired?: boolean;
  allowOfflineAccess?: boolean;
  requireConsent?: boolean;
  allowRememberConsent?: boolean;
  consentLifetime?: number;
  requirePkce?: boolean;
  allowPlainTextPkce?: boolean;
  allowAccessTokensViaBrowser?: boolean;
  alwaysIncludeUserClaimsInIdToken?: boolean;
  identityTokenLifetime?: number;
  authorizationCodeLifetime?: number;
  refreshTokenUsage?: RefreshTokenUsage | string;
  refreshTokenExpiration?: RefreshTokenExpiration | string;
  absoluteRefreshTokenLifetime?: number;
  slidingRefreshTokenLifetime?: number;
  updateAccessTokenClaimsOnRefresh?: boolean;
  /** Seconds during which a rotated one-time refresh token may be presented again (concurrent refreshes). */
  refreshTokenReuseGracePeriod?: number;
  allowedCorsOrigins?: string[];
  /** Native app: loopback redirect URIs may use any port (RFC 8252 §7.3). */
  applicationType?: 'web' | 'native';
  userSsoLifetime?: number;
  /** Every token request must carry a DPoP proof (RFC 9449); without one: `invalid_request`. Default false. */
  requireDPoP?: boolean;
  /** Only accept authorization requests pushed to `/connect/par` (RFC 9126 §5). Default false. */
  requirePushedAuthorization?: boolean;
  /** Seconds a pushed request's `request_uri` is valid; default `pushedAuthorization.lifetime`. */
  pushedAuthorizationLifetime?: number;
  properties?: Record<string, string>;
}

/** Duende `ApiScope`. */
export interface ApiScopeInput {
  name: string;
  displayName?: string;
  description?: string;
  userClaims?: string[];
  required?: boolean;
  emphasize?: boolean;
  enabled?: boolean;
  showInDiscoveryDocument?: boolean;
}

/** Duende `ApiResource`. */
export interface ApiResourceInput {
  name: string;
  displayName?: string;
  scopes: string[];
  apiSecrets?: SecretInput[];
  userClaims?: string[];
  allowedAccessTokenSigningAlgorithms?: string[];
  /** `jwt` or `reference`; overrides the client's choice for tokens whose audience is this resource. */
  accessTokenType?: AccessTokenType | string;
  requireResourceIndicator?: boolean;
  enabled?: boolean;
}

/** Duende `IdentityResource`, or one of the standard names. */
export type IdentityResourceInput =
  | 'openid'
  | 'profile'
  | 'email'
  | 'address'
  | 'phone'
  | {
      name: string;
      displayName?: string;
      description?: string;
      userClaims: string[];
      required?: boolean;
      emphasize?: boolean;
      enabled?: boolean;
      showInDiscoveryDocument?: boolean;
    };

/** A user of the built-in user store. `password` is plain (hashed with argon2id at load) or an argon2id PHC string. */
export interface UserInput {
  subjectId: string;
  username: string;
  password: string;
  claims?: Record<string, string | number | boolean | string[]>;
}

/** Automatic signing-key management (Duende `KeyManagementOptions`); durations in seconds. */
export interface KeyManagementInput {
  enabled?: boolean;
  signingAlgorithms?: string[];
  rotationInterval?: number;
  propagationTime?: number;
  retentionDuration?: number;
  rsaKeySize?: number;
  deleteRetiredKeys?: boolean;
  /**
   * Seconds between reloads of the signing keys from the store (Duende `KeyCacheDuration`), so a
   * rotation by another instance or `sigil keys rotate` is seen within this time. Default 300.
   */
  keyCacheDuration?: number;
  /**
   * Static keys: paths to PEM or JWK files (private keys), or inline private JWKs. With
   * `validationOnly` the key is published but never signs (Duende `AddValidationKey`).
   */
  staticKeys?: Array<{
    path?: string;
    jwk?: Record<string, unknown>;
    alg?: string;
    kid?: string;
    validationOnly?: boolean;
  }>;
}

/** Where artifacts are persisted. */
export interface StoreInput {
  type?: 'sqlite' | 'postgres' | 'mysql' | 'memory';
  /** Connection URL for postgres or mysql. */
  url?: string;
  /** SQLite file path (default `${dataDir}/sigil.db`). */
  path?: string;
  /** Connection pool size for postgres/mysql. */
  poolSize?: number;
  /** Run pending migrations at start-up (default true). */
  migrate?: boolean;
}

/** Optional distributed cache, replay cache and locks. */
export interface CacheInput {
  type?: 'memory' | 'redis';
  url?: string;
  keyPrefix?: string;
}

/** Data protection (Sigil's ASP.NET Data Protection equivalent). */
export interface DataProtectionInput {
  /** Isolates applications; defaults to a name derived from the issuer, never from a path. */
  applicationName?: string;
  /** Base64 master key (32 bytes); defaults to env `SIGIL_DATA_PROTECTION_KEY`, then `keyFile`. */
  masterKey?: string;
  keyFile?: string;
  /** Key lifetime in seconds (default 90 days). */
  keyLifetime?: number;
  /**
   * Start even though the master key unwraps none of the stored data-protection keys of this
   * application (by default start-up fails). Everything protected before becomes unreadable and
   * new signing keys are created. Only for a master key that is lost for good; set it for one start.
   */
  dangerouslyIgnoreUnreadableKeys?: boolean;
}

/**
 * Removal of expired artifacts (Duende `OperationalStoreOptions` `EnableTokenCleanup`,
 * `TokenCleanupInterval`, `TokenCleanupBatchSize`). Safe with many instances on one database.
 */
export interface CleanupInput {
  /** Run the cleanup job. Default true. */
  enabled?: boolean;
  /** Seconds between runs; the first run starts at a random time within one interval. Default 3600. */
  interval?: number;
  /** Rows deleted per statement. Default 100. */
  batchSize?: number;
}

/** Pushed authorization requests (RFC 9126; defaults in `defaults.ts`). */
export interface PushedAuthorizationInput {
  /** Every client must push its authorization requests. Default false. */
  required?: boolean;
  /** Seconds a `request_uri` is valid. Default 600. */
  lifetime?: number;
  /** Only `false` (the default) is supported: pushed redirect URIs must be registered. */
  allowUnregisteredPushedRedirectUris?: false;
}

/** Events (all off by default). */
export interface EventsInput {
  raiseSuccessEvents?: boolean;
  raiseFailureEvents?: boolean;
  raiseInformationEvents?: boolean;
  raiseErrorEvents?: boolean;
}

/** The login UI. */
export interface UiInput {
  productName?: string;
  logoUrl?: string;
  primaryColor?: string;
  backgroundColor?: string;
  /** Directory with replacement templates. */
  templatesDir?: string;
  /** Allow self sign-up with prompt=create at this URL (the host's page; it signs users in with `server.interaction.signIn`). */
  createAccountUrl?: string;
  /**
   * The host's own login page (default: the built-in page at `/account/login`). When set, the built-in
   * page is not served; the page receives `?returnUrl=` and uses `server.interaction`.
   */
  loginUrl?: string;
  /** The host's own consent page (default: the built-in page at `/consent`), as for `loginUrl`. */
  consentUrl?: string;
  /**
   * The host's own logout page (default: the built-in page at `/account/logout`). It receives
   * `?logoutId=` and uses `server.interaction.getLogoutContext` and `server.interaction.signOut`.
   */
  logoutUrl?: string;
  /**
   * After a sign-out whose "signed out" page loads front-channel iframes, go on to the post-logout
   * redirect by itself two seconds later (an HTTP `Refresh`, no script). Default true; false leaves
   * only the link.
   */
  automaticRedirectAfterSignOut?: boolean;
  /** The host's own error page (default: the built-in page at `/error`); it receives `?errorId=`. */
  errorUrl?: string;
}

/** Login sessions. */
export interface AuthenticationInput {
  cookieName?: string;
  /** Seconds. Default 10 hours (Duende `CookieLifetime`). */
  cookieLifetime?: number;
  cookieSlidingExpiration?: boolean;
  /** Store sessions server side (revocable, queryable). Default true. */
  serverSideSessions?: boolean;
  /** Failed logins before a temporary lockout. */
  lockoutThreshold?: number;
  /** Seconds. */
  lockoutDuration?: number;
  /** Seconds one back-channel logout POST may take. Default 5. */
  backChannelLogoutTimeout?: number;
  /** Attempts per back-channel logout notification (network errors, 5xx and 429 are retried). Default 3. */
  backChannelLogoutAttempts?: number;
  /**
   * When the cleanup job removes expired server-side sessions, send back-channel logout to their
   * clients (Duende `ExpiredSessionsTriggerBackchannelLogout`). Default false.
   */
  expiredSessionsTriggerBackChannelLogout?: boolean;
}

/** Clients and resources kept in the database and changed at run time (defaults in `defaults.ts`). */
export interface ConfigurationStoreInput {
  /** Default false. */
  enabled?: boolean;
  /** Seconds between checks for changes made elsewhere. Default 30. */
  refreshInterval?: number;
}

/**
 * OpenTelemetry through `@opentelemetry/api` (defaults in `defaults.ts`). Without an SDK
 * registered by the host both are no-ops.
 */
export interface TelemetryInput {
  /** One span per request, named after the route (`sigil.token`). */
  tracing?: boolean;
  /** Counters and histograms (`sigil.tokens.issued`, `sigil.requests.duration`, ...). */
  metrics?: boolean;
}

/** Everything `createIdentityServer` and `sigil.config.json` accept. */
export interface IdentityServerOptions {
  /** The issuer identifier. Required for the library; the CLI defaults to `http://localhost:${port}`. */
  issuer: string;
  clients?: ClientInput[];
  apiScopes?: ApiScopeInput[];
  apiResources?: ApiResourceInput[];
  identityResources?: IdentityResourceInput[];
  users?: UserInput[];
  keyManagement?: KeyManagementInput;
  store?: StoreInput;
  cache?: CacheInput;
  /** Clients and resources in the database, changeable at run time. */
  configurationStore?: ConfigurationStoreInput;
  dataProtection?: DataProtectionInput;
  cleanup?: CleanupInput;
  /** Pushed authorization requests (RFC 9126). */
  pushedAuthorization?: PushedAuthorizationInput;
  events?: EventsInput;
  /** OpenTelemetry spans and metrics. */
  telemetry?: TelemetryInput;
  ui?: UiInput;
  authentication?: AuthenticationInput;
  /** Directory for the SQLite file and key files (default `./data`). */
  dataDir?: string;
  /** Only accept the issuer, as a single string, as a client-assertion `aud` (Duende 7.2 preview, FAPI 2.0). */
  strictClientAssertionAudience?: boolean;
  /** `typ` header of JWT access tokens (default `at+jwt`). */
  accessTokenJwtType?: string;
  /** Emit `scope` as a space-delimited string instead of an array in JWTs (default false: array, as Duende). */
  emitScopesAsSpaceDelimitedStringInJwt?: boolean;
  /** `Cache-Control` max-age of the discovery document in seconds; 0 sends `no-cache`. Default 3600. */
  discoveryCacheMaxAge?: number;
  /** Extra discovery entries. */
  discoveryCustomEntries?: Record<string, unknown>;
  /** Maximum accepted request body, bytes. Default 64 KiB. */
  maxBodySize?: number;
  /** Clock skew tolerated on client assertions, seconds: 10..60, default 60 (FAPI 2.0 §5.3.2.1; see `defaults.ts`). */
  clockSkew?: number;
  /** Maximum lifetime accepted for a client assertion (`exp - iat`), seconds. Default 300. */
  maxClientAssertionLifetime?: number;
  /** Log level for pino; `silent` turns logs off. */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Production mode: warns on unset data-protection application name, plain secrets, etc. Default from NODE_ENV. */
  production?: boolean;
}
