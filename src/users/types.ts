/**
 * The user store and the profile service: the two hooks through which Sigil learns about users
 * (Duende `IUserStore`-style lookups plus `IProfileService`). Each has a working default
 * (config users and the SQL users table; claims by requested scope).
 */
import type { Client } from '../config/model.js';

/** A user as the protocol sees it. `claims` never contains the password. */
export interface UserAccount {
  readonly subjectId: string;
  readonly username: string;
  /** Claim name to value, e.g. `{ name: 'Alice', email: 'alice@example.com', email_verified: true }`. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Finds users and checks passwords. */
export interface UserStore {
  /** The user with this username (compared case-insensitively), or undefined. */
  findByUsername(username: string): Promise<UserAccount | undefined>;
  /** The user with this subject id, or undefined. */
  findBySubject(subjectId: string): Promise<UserAccount | undefined>;
  /**
   * The user when `password` is theirs, else undefined. Implementations spend comparable time
   * for unknown users and wrong passwords, so the answer time does not reveal which usernames exist.
   */
  validateCredentials(username: string, password: string): Promise<UserAccount | undefined>;
}

/** Who is asking the profile service for claims (Duende `IdentityServerConstants.ProfileDataCallers`). */
export type ProfileCaller =
  | 'IdentityToken'
  | 'UserInfoEndpoint'
  | 'AccessToken'
  | 'ClaimsProviderAccessToken'
  | 'AuthorizeEndpoint';

/** What the profile service is asked. */
export interface ProfileRequest {
  readonly subjectId: string;
  readonly client: Client;
  readonly caller: ProfileCaller;
  /** The claim types the granted scopes (and the `claims` request parameter) ask for. */
  readonly requestedClaimTypes: readonly string[];
  /** The session the request belongs to, when there is one. */
  readonly sessionId?: string;
}

/** Produces a user's claims (Duende `IProfileService`). */
export interface ProfileService {
  /** Claims to issue; only the requested types are kept by the caller. */
  getClaims(request: ProfileRequest): Promise<Record<string, unknown>>;
  /** False when the user may no longer get tokens (disabled, deleted): refresh and userinfo then fail. */
  isActive(request: Omit<ProfileRequest, 'requestedClaimTypes'>): Promise<boolean>;
}
