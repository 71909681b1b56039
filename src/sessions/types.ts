/**
 * The login session (Duende's authentication cookie plus server-side session): who signed in,
 * when and how, and which clients received tokens in it (for logout notifications).
 */

/** A signed-in user's session. Times are epoch seconds. */
export interface UserSession {
  /** The `sid` claim: random, unique per session (OpenID Connect Front-/Back-Channel Logout). */
  readonly sessionId: string;
  readonly subjectId: string;
  /** Display name for logs, events and the UI. */
  readonly displayName?: string;
  /** `auth_time`. */
  readonly authTime: number;
  /** `amr`, e.g. `['pwd']`. */
  readonly amr: readonly string[];
  /** `acr`, when one was established. */
  readonly acr?: string;
  /** The identity provider, `local` for Sigil's own login. */
  readonly idp: string;
  /** Clients that received tokens in this session; they get logout notifications. */
  readonly clientIds: readonly string[];
  readonly createdAt: number;
  /** When the session ends (absolute, or sliding when `cookieSlidingExpiration`). */
  readonly expiresAt: number;
  /** "Remember me": the cookie is persistent instead of a browser-session cookie. */
  readonly persistent: boolean;
}
