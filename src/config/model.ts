/**
 * The validated, normalised configuration model the protocol core reads. Produced once at
 * start-up by `validate-options.ts`; frozen. Durations are seconds.
 */
import type { AccessTokenType, RefreshTokenExpiration, RefreshTokenUsage, TokenEndpointAuthMethod } from './types.js';

/** A client secret stored as a SHA-256 hash. */
export interface HashedSecret {
  /** SHA-256 digest of the secret. */
  readonly hash: Buffer;
  readonly description?: string;
  /** Epoch seconds; undefined = never expires. */
  readonly expiresAt?: number;
}

/** A validated client. */
export interface Client {
  readonly clientId: string;
  readonly clientName?: string;
  readonly enabled: boolean;
  readonly secrets: readonly HashedSecret[];
  /** Plain secrets kept only for `client_secret_jwt` clients, which need them as HMAC keys. */
  readonly hmacSecrets: readonly { readonly key: Buffer; readonly expiresAt?: number }[];
  readonly requireClientSecret: boolean;
  readonly allowedGrantTypes: ReadonlySet<string>;
  readonly allowedScopes: ReadonlySet<string>;
  readonly accessTokenType: AccessTokenType;
  readonly accessTokenLifetime: number;
  readonly claims: readonly { type: string; value: string | number | boolean }[];
  readonly alwaysSendClientClaims: boolean;
  readonly clientClaimsPrefix: string;
  readonly jwks?: { keys: Record<string, unknown>[] };
  readonly jwksUri?: string;
  /** The authentication method; `undefined` means any shared-secret method the client has secrets for. */
  readonly tokenEndpointAuthMethod?: TokenEndpointAuthMethod;
  readonly allowedAccessTokenSigningAlgorithms: readonly string[];
  readonly allowedIdentityTokenSigningAlgorithms: readonly string[];
  readonly strictClientAssertionAudience: boolean;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly frontChannelLogoutUri?: string;
  readonly frontChannelLogoutSessionRequired: boolean;
  readonly backChannelLogoutUri?: string;
  readonly backChannelLogoutSessionRequired: boolean;
  readonly allowOfflineAccess: boolean;
  readonly requireConsent: boolean;
  readonly allowRememberConsent: boolean;
  readonly consentLifetime?: number;
  readonly requirePkce: boolean;
  readonly allowPlainTextPkce: boolean;
  readonly allowAccessTokensViaBrowser: boolean;
  readonly alwaysIncludeUserClaimsInIdToken: boolean;
  readonly identityTokenLifetime: number;
  readonly authorizationCodeLifetime: number;
  readonly refreshTokenUsage: RefreshTokenUsage;
  readonly refreshTokenExpiration: RefreshTokenExpiration;
  readonly absoluteRefreshTokenLifetime: number;
  readonly slidingRefreshTokenLifetime: number;
  readonly updateAccessTokenClaimsOnRefresh: boolean;
  readonly refreshTokenReuseGracePeriod: number;
  readonly allowedCorsOrigins: readonly string[];
  readonly applicationType: 'web' | 'native';
  readonly userSsoLifetime?: number;
  /** Every token request must carry a DPoP proof (RFC 9449); without one: `invalid_request`. Default false. */
  readonly requireDPoP: boolean;
  /** Only pushed authorization requests are accepted (RFC 9126 §5). */
  readonly requirePushedAuthorization: boolean;
  /** Seconds a pushed request is valid; undefined = `pushedAuthorization.lifetime`. */
  readonly pushedAuthorizationLifetime?: number;
  /** True when the client has no secret and no key: a public client. */
  readonly isPublic: boolean;
  readonly properties: Readonly<Record<string, string>>;
}

/** A validated API scope. */
export interface ApiScope {
  readonly name: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly userClaims: readonly string[];
  readonly required: boolean;
  readonly emphasize: boolean;
  readonly enabled: boolean;
  readonly showInDiscoveryDocument: boolean;
}

/** A validated API resource. */
export interface ApiResource {
  readonly name: string;
  readonly displayName?: string;
  readonly scopes: readonly string[];
  readonly secrets: readonly HashedSecret[];
  readonly userClaims: readonly string[];
  readonly allowedAccessTokenSigningAlgorithms: readonly string[];
  readonly accessTokenType?: AccessTokenType;
  readonly requireResourceIndicator: boolean;
  readonly enabled: boolean;
}

/** A validated identity resource. */
export interface IdentityResource {
  readonly name: string;
  readonly displayName?: string;
  readonly description?: string;
  readonly userClaims: readonly string[];
  readonly required: boolean;
  readonly emphasize: boolean;
  readonly enabled: boolean;
  readonly showInDiscoveryDocument: boolean;
}

/** All resources, indexed. */
export interface Resources {
  readonly identityResources: ReadonlyMap<string, IdentityResource>;
  readonly apiScopes: ReadonlyMap<string, ApiScope>;
  readonly apiResources: ReadonlyMap<string, ApiResource>;
  /** API resources by scope name. */
  readonly apiResourcesByScope: ReadonlyMap<string, readonly ApiResource[]>;
}
