/**
 * One store interface per artifact, with explicit atomic operations (fosite style). Every
 * implementation (memory, SQLite, PostgreSQL, MariaDB) passes the contract suite in
 * `contract.case.ts`. All times are epoch seconds. Handles are never stored: `key` is always a
 * hash of the handle (see `crypto/handles.ts`). `data` is an opaque string, usually a
 * data-protected payload.
 */

/** The kinds of persisted grant. */
export type GrantType =
  | 'authorization_code'
  | 'refresh_token'
  | 'reference_token'
  | 'user_consent'
  | 'device_code'
  | 'backchannel_authentication';

/** A persisted grant (Duende `PersistedGrant`). */
export interface PersistedGrant {
  /** Hash of the handle; primary key. */
  key: string;
  type: GrantType;
  clientId: string;
  subjectId?: string;
  sessionId?: string;
  /** Groups grants derived from one authorization (code → tokens → rotated refresh tokens), for family revocation. */
  familyId?: string;
  createdAt: number;
  expiresAt?: number;
  consumedAt?: number;
  /** Opaque payload (data-protected JSON). */
  data: string;
}

/** Which grants to remove or list. At least one field must be set. */
export interface GrantFilter {
  subjectId?: string;
  sessionId?: string;
  clientId?: string;
  familyId?: string;
  type?: GrantType;
}

/** The outcome of an atomic consume. */
export type ConsumeResult =
  | { status: 'consumed'; grant: PersistedGrant }
  | { status: 'already-consumed'; grant: PersistedGrant }
  | { status: 'not-found' };

/** Persisted grants: codes, refresh tokens, reference tokens, consents. */
export interface GrantStore {
  /** Insert; throws if the key exists. */
  store(grant: PersistedGrant): Promise<void>;
  /** Insert or replace (consents). */
  upsert(grant: PersistedGrant): Promise<void>;
  /** Read by key, whether consumed or expired (the caller checks). */
  get(key: string): Promise<PersistedGrant | undefined>;
  /**
   * Atomically set `consumedAt = now` if it is unset. Exactly one concurrent caller gets
   * `consumed`; the others get `already-consumed`. Expiry is the caller's business.
   */
  consume(key: string, now: number): Promise<ConsumeResult>;
  /**
   * Refresh-token rotation in one transaction: consume `oldKey` and store `next`. `next` is only
   * stored when this call consumed the old grant, or when the old grant was consumed at or after
   * `graceSince` (the reuse grace window); otherwise nothing is written.
   */
  rotate(oldKey: string, next: PersistedGrant, now: number, graceSince?: number): Promise<ConsumeResult>;
  /** Replace the data and expiry of an existing grant (sliding refresh tokens). Returns false if absent. */
  update(key: string, changes: { data?: string; expiresAt?: number }): Promise<boolean>;
  /** Delete one; true if it existed. */
  remove(key: string): Promise<boolean>;
  /** Delete every grant matching the filter; returns how many. */
  removeAll(filter: GrantFilter): Promise<number>;
  /** List grants matching the filter (consents per user, sessions' tokens). */
  list(filter: GrantFilter): Promise<PersistedGrant[]>;
  /** Delete up to `batchSize` grants that expired before `now`; returns how many. Safe to run on many instances at once. */
  removeExpired(now: number, batchSize: number): Promise<number>;
}

/** Replay detection for `jti` values (client assertions, DPoP proofs). */
export interface ReplayCache {
  /** Atomically record `id` under `purpose` until `expiresAt`. Returns false if it was already recorded and not expired. */
  add(purpose: string, id: string, expiresAt: number): Promise<boolean>;
  /** Delete expired entries; returns how many. */
  removeExpired(now: number, batchSize: number): Promise<number>;
}

/** A signing key at rest. */
export interface SerializedSigningKey {
  /** The `kid`. */
  id: string;
  alg: string;
  createdAt: number;
  /** The private key, data-protected (or plain PKCS#8 PEM when `dataProtected` is false). */
  data: string;
  dataProtected: boolean;
}

/** Signing keys (Duende `ISigningKeyStore`). */
export interface SigningKeyStore {
  list(): Promise<SerializedSigningKey[]>;
  /** Insert; returns false if a key with this id exists. */
  add(key: SerializedSigningKey): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

/** A data-protection key at rest, encrypted with the master key. */
export interface SerializedProtectionKey {
  id: string;
  applicationName: string;
  createdAt: number;
  activatesAt: number;
  expiresAt: number;
  /** The AES-256 key, wrapped with the master key. */
  data: string;
}

/** The data-protection key ring. */
export interface ProtectionKeyStore {
  list(applicationName: string): Promise<SerializedProtectionKey[]>;
  add(key: SerializedProtectionKey): Promise<boolean>;
}

/** A server-side login session (Duende `ServerSideSession`). */
export interface ServerSideSession {
  /** Random key referenced by the cookie (stored hashed by the caller if it wishes). */
  key: string;
  subjectId: string;
  sessionId: string;
  displayName?: string;
  createdAt: number;
  renewedAt: number;
  expiresAt?: number;
  /** Opaque, data-protected ticket. */
  data: string;
}

/** Which sessions to find or remove. */
export interface SessionFilter {
  subjectId?: string;
  sessionId?: string;
}

/** Server-side sessions. */
export interface SessionStore {
  create(session: ServerSideSession): Promise<void>;
  get(key: string): Promise<ServerSideSession | undefined>;
  update(session: ServerSideSession): Promise<void>;
  remove(key: string): Promise<boolean>;
  list(filter: SessionFilter): Promise<ServerSideSession[]>;
  removeAll(filter: SessionFilter): Promise<ServerSideSession[]>;
  /** Atomically remove and return up to `batchSize` sessions expired before `now`. */
  removeExpired(now: number, batchSize: number): Promise<ServerSideSession[]>;
}

/** A pushed authorization request (RFC 9126). */
export interface PushedRequest {
  key: string;
  clientId: string;
  expiresAt: number;
  data: string;
}

/** Pushed authorization requests. */
export interface PushedRequestStore {
  store(request: PushedRequest): Promise<void>;
  /**
   * Atomically delete and return; exactly one concurrent caller gets it. Expired entries are not
   * returned. With `clientId`, only a request pushed by that client is consumed: another client's
   * attempt finds nothing and leaves it in place.
   */
  consume(key: string, now: number, clientId?: string): Promise<PushedRequest | undefined>;
  removeExpired(now: number, batchSize: number): Promise<number>;
}

/** A device authorization (RFC 8628). */
export interface DeviceCode {
  /** Hash of the device code. */
  key: string;
  userCode: string;
  clientId: string;
  subjectId?: string;
  createdAt: number;
  expiresAt: number;
  /** `pending`, `approved`, `denied`. */
  status: 'pending' | 'approved' | 'denied';
  lastPolledAt?: number;
  data: string;
}

/** Device codes. */
export interface DeviceCodeStore {
  store(code: DeviceCode): Promise<void>;
  findByUserCode(userCode: string): Promise<DeviceCode | undefined>;
  get(key: string): Promise<DeviceCode | undefined>;
  /** Update status/subject/data by user code; false if absent. */
  update(
    userCode: string,
    changes: Partial<Pick<DeviceCode, 'status' | 'subjectId' | 'data' | 'lastPolledAt'>>,
  ): Promise<boolean>;
  /** Atomically delete and return an approved or denied code; exactly one concurrent caller gets it. */
  consume(key: string): Promise<DeviceCode | undefined>;
  removeExpired(now: number, batchSize: number): Promise<number>;
}

/** A stored user (the SQL-backed user store). */
export interface StoredUser {
  subjectId: string;
  username: string;
  /** argon2id PHC string. */
  passwordHash: string;
  /** JSON object of claims. */
  claims: Record<string, unknown>;
  createdAt: number;
}

/** Users (the SQL-backed user store). Usernames are unique, compared case-insensitively. */
export interface UserRecordStore {
  add(user: StoredUser): Promise<boolean>;
  findByUsername(username: string): Promise<StoredUser | undefined>;
  findBySubject(subjectId: string): Promise<StoredUser | undefined>;
  /** Record a failed login and return the count within the window; or reset with `reset: true`. */
  countFailure(subjectId: string, now: number, windowSeconds: number, reset?: boolean): Promise<number>;
}

/** Named distributed locks, for key rotation and jobs. */
export interface LockProvider {
  /** Run `fn` while holding `name`; returns undefined without running it if the lock was not acquired within `waitMs`. */
  withLock<T>(name: string, ttlSeconds: number, fn: () => Promise<T>, waitMs?: number): Promise<T | undefined>;
}

/** A small key-value cache (discovery document, DPoP nonces, rate limits). */
export interface DistributedCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Atomic increment with expiry; returns the new value. */
  increment(key: string, ttlSeconds: number): Promise<number>;
}

/** The kinds of item the configuration store holds. */
export type ConfigurationKind = 'client' | 'apiScope' | 'apiResource' | 'identityResource';

/** One stored configuration item: the name it is stored under and its JSON value. */
export interface ConfigurationRecord {
  /** The key it was saved under (a `clientId`, or a resource's `name`). */
  readonly name: string;
  /** The parsed JSON value; `undefined` when the stored text is not JSON (see `invalidJson`). */
  readonly value: unknown;
  /** Why the stored text could not be parsed; one broken row must not hide the others. */
  readonly invalidJson?: string;
}

/** Everything the configuration store holds, with the version it was read at. */
export interface ConfigurationContents {
  readonly version: string;
  readonly clients: readonly ConfigurationRecord[];
  readonly apiScopes: readonly ConfigurationRecord[];
  readonly apiResources: readonly ConfigurationRecord[];
  readonly identityResources: readonly ConfigurationRecord[];
}

/**
 * The configuration store: clients and resources in the database, as JSON-shaped inputs (the same
 * shape as in the configuration file). Validation is the caller's business.
 */
export interface ConfigurationStore {
  /** Every item and the version they were read at, in one consistent read. */
  load(): Promise<ConfigurationContents>;
  /** A value that changes whenever an item is saved or removed. Cheap: servers poll it. */
  version(): Promise<string>;
  /** Insert or replace the item `kind`/`name` and change the version in the same transaction. */
  save(kind: ConfigurationKind, name: string, value: unknown): Promise<void>;
  /** Delete the item; false if it did not exist (then the version does not change). */
  remove(kind: ConfigurationKind, name: string): Promise<boolean>;
}

/** Every store a server uses. */
export interface Stores {
  readonly kind: 'memory' | 'sqlite' | 'postgres' | 'mysql';
  readonly grants: GrantStore;
  readonly replay: ReplayCache;
  readonly signingKeys: SigningKeyStore;
  readonly protectionKeys: ProtectionKeyStore;
  readonly sessions: SessionStore;
  readonly pushedRequests: PushedRequestStore;
  readonly deviceCodes: DeviceCodeStore;
  readonly users: UserRecordStore;
  readonly configuration: ConfigurationStore;
  readonly locks: LockProvider;
  readonly cache: DistributedCache;
  /** Release connections. */
  close(): Promise<void>;
}
