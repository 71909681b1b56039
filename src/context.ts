/**
 * The runtime context every endpoint receives: resolved options, stores, keys, data protection,
 * events and the logger. Built once by `createIdentityServer`; there is no DI container.
 */
import type { Logger } from 'pino';
import type { Client } from './config/model.js';
import type { ResolvedOptions } from './config/resolved.js';
import type { DataProtectionProvider, KeyMaterial } from './crypto/types.js';
import type { SigilEvent } from './events/types.js';
import type { Stores } from './stores/types.js';
import type { ProfileService, UserStore } from './users/types.js';
import type { GrantRegistry } from './validation/token/grant.js';

/** Absolute URLs of every endpoint, derived from the configured issuer (never from `Host`). */
export interface EndpointUrls {
  readonly discovery: string;
  readonly jwks: string;
  readonly authorize: string;
  readonly token: string;
  readonly userinfo: string;
  readonly introspection: string;
  readonly revocation: string;
  readonly endSession: string;
  readonly par: string;
  readonly ciba: string;
  readonly deviceAuthorization: string;
  readonly checkSession: string;
}

/** Distributes events to the sink when their category is enabled. */
export interface EventService {
  /** Whether an event of this type is wanted (by the sink or telemetry); check before building payloads. */
  enabled(type: SigilEvent['type']): boolean;
  /** Fill timestamp and ids and deliver. Never throws. */
  raise(event: DistributiveOmit<SigilEvent, 'timestamp'>, request?: { id?: string; remoteAddress?: string }): void;
}

/** `Omit` that distributes over a union. */
export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Looks clients up; synchronous on the hot path (configuration-store clients are cached). */
export interface ClientRegistry {
  find(clientId: string): Client | undefined;
}

/** Everything an endpoint may use. */
export interface ServerContext {
  /**
   * The options, with the clients and resources of the current configuration snapshot (see
   * `configurationStore`). Endpoints get a context pinned to one snapshot for the whole request,
   * inheriting the rest from the server's context: use it as it is, do not spread it.
   */
  readonly options: ResolvedOptions;
  readonly issuer: string;
  readonly urls: EndpointUrls;
  readonly clients: ClientRegistry;
  readonly stores: Stores;
  readonly keys: KeyMaterial;
  readonly protection: DataProtectionProvider;
  readonly events: EventService;
  readonly logger: Logger;
  /** Users: lookup and password validation. */
  readonly users: UserStore;
  /** Claims of users. */
  readonly profile: ProfileService;
  /** The grant types the token endpoint serves. */
  readonly grantTypes: GrantRegistry;
  /** Current time in epoch seconds. Replaceable in tests. */
  now(): number;
}
