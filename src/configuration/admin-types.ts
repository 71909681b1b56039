/**
 * The admin API over clients and resources in the database (`server.configuration`).
 */
import type { ApiResourceInput, ApiScopeInput, ClientInput, IdentityResourceInput } from '../config/types.js';
import type { ConfigurationKind } from '../stores/types.js';
import type { ItemProblem } from './snapshot.js';

/** An item as the admin API shows it. */
export interface ConfigurationEntry<T> {
  readonly kind: ConfigurationKind;
  /** The `clientId`, or the resource's `name`. */
  readonly name: string;
  /** `file` items are read-only at run time; `database` items are changed through this API. */
  readonly source: 'file' | 'database';
  /** As configured or stored. Secrets appear only in their `sha256:` form, never in plain text. */
  readonly value: T;
  /** Why this instance does not serve a database item as stored; empty when it does. */
  readonly problems: readonly string[];
}

/** The outcome of a save. */
export interface SaveResult<T> {
  readonly kind: ConfigurationKind;
  readonly name: string;
  /** False when an item with this name was replaced. */
  readonly created: boolean;
  /** What was stored (plain secrets replaced by their `sha256:` form). */
  readonly value: T;
}

/** The outcome of a removal. */
export interface RemoveResult {
  /** False when the database had no such item. */
  readonly removed: boolean;
  /** Persisted grants of a removed client that were deleted (codes, refresh and reference tokens, consents). */
  readonly grantsRemoved: number;
}

/** Options of `removeClient`. */
export interface RemoveClientOptions {
  /**
   * Keep the client's persisted grants. Default false: they are deleted, so that its refresh and
   * reference tokens stop working and do not come back if a client with the same id is created
   * later. Self-contained JWT access tokens stay valid until they expire.
   */
  readonly keepGrants?: boolean;
}

/** Items to save together, e.g. read from a file for `sigil import`. */
export interface ConfigurationImport {
  readonly identityResources?: readonly IdentityResourceInput[];
  readonly apiScopes?: readonly (ApiScopeInput | string)[];
  readonly apiResources?: readonly ApiResourceInput[];
  readonly clients?: readonly ClientInput[];
}

/** What this instance serves. */
export interface ConfigurationStatus {
  /** `configurationStore.enabled`. */
  readonly enabled: boolean;
  /** The store version of the current snapshot. */
  readonly version: string;
  /** Database items this instance does not serve as stored. */
  readonly invalid: readonly ItemProblem[];
}

/**
 * Reads and changes the clients and resources in the database. Every change is validated first
 * with the same validators as the configuration file, against everything else that exists, and
 * rejected with a `ConfigurationError` naming the item and the field. Plain secrets are stored
 * only as `sha256:` digests. This instance serves a change as soon as the call resolves; other
 * instances within `configurationStore.refreshInterval` seconds.
 *
 * Items defined in the configuration file cannot be saved or removed here: the file wins.
 *
 * @example
 * ```ts
 * await sigil.configuration.saveApiScope({ name: 'orders.read' });
 * await sigil.configuration.saveClient({
 *   clientId: 'billing-worker',
 *   clientSecrets: [{ value: process.env.BILLING_SECRET! }], // stored as sha256:…
 *   allowedGrantTypes: ['client_credentials'],
 *   allowedScopes: ['orders.read'],
 * });
 * await sigil.configuration.saveClient({ ...(await sigil.configuration.getClient('billing-worker'))!.value, enabled: false });
 * await sigil.configuration.removeClient('billing-worker'); // also deletes its grants
 * ```
 */
export interface ConfigurationAdmin {
  /** File clients, then database clients by id. */
  listClients(): Promise<ConfigurationEntry<ClientInput>[]>;
  getClient(clientId: string): Promise<ConfigurationEntry<ClientInput> | undefined>;
  /** Insert or replace a client. */
  saveClient(input: ClientInput): Promise<SaveResult<ClientInput>>;
  /** Remove a client and, unless `keepGrants`, its persisted grants. */
  removeClient(clientId: string, options?: RemoveClientOptions): Promise<RemoveResult>;
  listApiScopes(): Promise<ConfigurationEntry<ApiScopeInput>[]>;
  getApiScope(name: string): Promise<ConfigurationEntry<ApiScopeInput> | undefined>;
  saveApiScope(input: ApiScopeInput | string): Promise<SaveResult<ApiScopeInput>>;
  /** Refused while a client or an API resource still refers to the scope. */
  removeApiScope(name: string): Promise<RemoveResult>;
  listApiResources(): Promise<ConfigurationEntry<ApiResourceInput>[]>;
  getApiResource(name: string): Promise<ConfigurationEntry<ApiResourceInput> | undefined>;
  saveApiResource(input: ApiResourceInput): Promise<SaveResult<ApiResourceInput>>;
  removeApiResource(name: string): Promise<RemoveResult>;
  listIdentityResources(): Promise<ConfigurationEntry<IdentityResourceInput>[]>;
  getIdentityResource(name: string): Promise<ConfigurationEntry<IdentityResourceInput> | undefined>;
  saveIdentityResource(input: IdentityResourceInput): Promise<SaveResult<IdentityResourceInput>>;
  /** Refused while a client still refers to the identity resource. */
  removeIdentityResource(name: string): Promise<RemoveResult>;
  /** Validate every item together, then save them in dependency order (resources before clients). */
  importItems(items: ConfigurationImport): Promise<SaveResult<unknown>[]>;
  /** Check the store for changes made elsewhere now, instead of at the next refresh. True when something changed. */
  refresh(): Promise<boolean>;
  /** What this instance serves now. */
  status(): ConfigurationStatus;
}
