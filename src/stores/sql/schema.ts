/**
 * Row shapes of Sigil's SQL tables, as Kysely sees them. Times are epoch seconds (BIGINT);
 * absent optional values are NULL. Created by `migrations/`.
 */

/** `persisted_grants`: codes, refresh and reference tokens, consents. */
export interface GrantRow {
  key: string;
  type: string;
  client_id: string;
  subject_id: string | null;
  session_id: string | null;
  family_id: string | null;
  created_at: number;
  expires_at: number | null;
  consumed_at: number | null;
  data: string;
}

/** `replay_entries`: one row per (purpose, id) seen; `id` is the base64url SHA-256 of the `jti`. */
export interface ReplayRow {
  purpose: string;
  id: string;
  expires_at: number;
}

/** `signing_keys`. */
export interface SigningKeyRow {
  id: string;
  alg: string;
  created_at: number;
  data: string;
  data_protected: number;
}

/** `protection_keys`. */
export interface ProtectionKeyRow {
  id: string;
  application_name: string;
  created_at: number;
  activates_at: number;
  expires_at: number;
  data: string;
}

/** `server_side_sessions`. */
export interface SessionRow {
  key: string;
  subject_id: string;
  session_id: string;
  display_name: string | null;
  created_at: number;
  renewed_at: number;
  expires_at: number | null;
  data: string;
}

/** `pushed_requests`. */
export interface PushedRequestRow {
  key: string;
  client_id: string;
  expires_at: number;
  data: string;
}

/** `device_codes`. */
export interface DeviceCodeRow {
  key: string;
  user_code: string;
  client_id: string;
  subject_id: string | null;
  created_at: number;
  expires_at: number;
  status: string;
  last_polled_at: number | null;
  data: string;
}

/** `users`; `normalized_username` is the lower-cased username and carries the unique index. */
export interface UserRow {
  subject_id: string;
  username: string;
  normalized_username: string;
  password_hash: string;
  claims: string;
  created_at: number;
}

/** `login_failures`: a fixed window per subject. */
export interface LoginFailureRow {
  subject_id: string;
  failures: number;
  window_start: number;
}

/** `configuration_items`; the row (`meta`, `version`) holds the version, rewritten by every change. */
export interface ConfigurationRow {
  kind: string;
  name: string;
  value: string;
  updated_at: number;
}

/** `locks`: named locks of the SQL lock provider; `expires_at` is in epoch milliseconds. */
export interface LockRow {
  name: string;
  owner: string;
  expires_at: number;
}

/**
 * `cache_entries`: the distributed cache; `expires_at` is in epoch milliseconds. A counter
 * written by `increment` lives in `counter` (and `value` is NULL); `set` writes `value`.
 */
export interface CacheEntryRow {
  key: string;
  value: string | null;
  counter: number | null;
  expires_at: number;
}

/** `sigil_schema_version`: one row per applied migration. */
export interface SchemaVersionRow {
  version: number;
  name: string;
  applied_at: number;
}

/** Every Sigil table. */
export interface SigilDatabase {
  persisted_grants: GrantRow;
  replay_entries: ReplayRow;
  signing_keys: SigningKeyRow;
  protection_keys: ProtectionKeyRow;
  server_side_sessions: SessionRow;
  pushed_requests: PushedRequestRow;
  device_codes: DeviceCodeRow;
  users: UserRow;
  login_failures: LoginFailureRow;
  configuration_items: ConfigurationRow;
  locks: LockRow;
  cache_entries: CacheEntryRow;
  sigil_schema_version: SchemaVersionRow;
}
