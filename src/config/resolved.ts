/**
 * Options after defaults and validation: what the protocol core reads.
 */
import type { Client, Resources } from './model.js';
import type { AuthenticationInput, CacheInput, DataProtectionInput, StoreInput, UiInput, UserInput } from './types.js';

/** Resolved key-management options; durations in seconds. */
export interface ResolvedKeyManagement {
  readonly enabled: boolean;
  readonly signingAlgorithms: readonly string[];
  readonly rotationInterval: number;
  readonly propagationTime: number;
  readonly retentionDuration: number;
  readonly rsaKeySize: number;
  readonly deleteRetiredKeys: boolean;
  /** Seconds between key reloads from the store; the key manager's `refreshInterval`. */
  readonly keyCacheDuration: number;
  readonly staticKeys: ReadonlyArray<{
    path?: string;
    jwk?: Record<string, unknown>;
    alg?: string;
    kid?: string;
    validationOnly?: boolean;
  }>;
}

/** Resolved cleanup options; `interval` in seconds. */
export interface ResolvedCleanup {
  readonly enabled: boolean;
  readonly interval: number;
  readonly batchSize: number;
}

/** Resolved pushed-authorization options (RFC 9126); `lifetime` in seconds. */
export interface ResolvedPushedAuthorization {
  readonly required: boolean;
  readonly lifetime: number;
}

/** Resolved options. */
export interface ResolvedOptions {
  readonly issuer: string;
  readonly clients: ReadonlyMap<string, Client>;
  readonly resources: Resources;
  readonly users: readonly UserInput[];
  readonly keyManagement: ResolvedKeyManagement;
  readonly store: Required<Pick<StoreInput, 'type'>> & StoreInput;
  readonly cache: CacheInput;
  /** Clients and resources in the database; `refreshInterval` in seconds. */
  readonly configurationStore: { readonly enabled: boolean; readonly refreshInterval: number };
  readonly dataProtection: DataProtectionInput;
  readonly cleanup: ResolvedCleanup;
  readonly pushedAuthorization: ResolvedPushedAuthorization;
  readonly events: { success: boolean; failure: boolean; information: boolean; error: boolean };
  readonly telemetry: { readonly tracing: boolean; readonly metrics: boolean };
  readonly ui: UiInput;
  readonly authentication: Required<AuthenticationInput>;
  readonly dataDir: string;
  readonly strictClientAssertionAudience: boolean;
  readonly accessTokenJwtType: string;
  readonly emitScopesAsSpaceDelimitedStringInJwt: boolean;
  readonly discoveryCacheMaxAge: number;
  readonly discoveryCustomEntries: Readonly<Record<string, unknown>>;
  readonly maxBodySize: number;
  readonly clockSkew: number;
  readonly maxClientAssertionLifetime: number;
  readonly logLevel: string;
  readonly production: boolean;
  /** Warnings produced while loading (plain secrets, unset application name, ...). */
  readonly warnings: readonly string[];
}
