/**
 * The library-facing types of `createIdentityServer`: the JSON-shaped options plus the hooks only
 * code can provide, and the server it returns.
 */
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { IdentityServerOptions } from '../config/types.js';
import type { ConfigurationAdmin } from '../configuration/admin-types.js';
import type { ConsentService } from '../consent/consent-service.js';
import type { ServerContext } from '../context.js';
import type { DataProtection } from '../crypto/data-protection.js';
import type { KeyManager } from '../crypto/key-manager.js';
import type { EventSink } from '../events/types.js';
import type { NodeListener } from '../host/node-listener.js';
import type { InteractionService } from '../interaction/interaction-service.js';
import type { SessionsRevokedHook } from '../sessions/session-hooks.js';
import type { SessionService } from '../sessions/session-service.js';
import type { Stores } from '../stores/types.js';
import type { ProfileService, UserStore } from '../users/types.js';
import type { GrantHandler, GrantRegistry } from '../validation/token/grant.js';

/** Hooks that only code can provide; each has a working default. */
export interface IdentityServerHooks {
  /** Use these stores instead of opening the configured `store` (and `cache`). The server closes them. */
  stores?: Stores;
  /** Where enabled events go. Default: the structured log. */
  eventSink?: EventSink;
  /** Extension grants, registered through the same API as the built-in ones. */
  grants?: readonly GrantHandler[];
  /** The pino logger. Default: JSON to stdout at `logLevel`. */
  logger?: Logger;
  /** Environment for `SIGIL_DATA_PROTECTION_KEY` and `NODE_ENV`. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Run background jobs (key refresh and rotation, cleanup). Default true; CLI one-shot commands turn it off. */
  backgroundJobs?: boolean;
  /** Where users come from. Default: `users` from the configuration plus the store's users table. */
  userStore?: UserStore;
  /** Claims of users. Default: the user's claims, limited to the requested types. */
  profileService?: ProfileService;
  /** The clock, epoch seconds. Default `Date.now() / 1000`. */
  now?: () => number;
  /**
   * Called after login sessions were revoked (`sessions.revokeSessions`), once per revocation with
   * every removed session, after their grants are gone. Default: nothing.
   */
  onSessionsRevoked?: SessionsRevokedHook;
}

/** What `createIdentityServer` accepts: the configuration model plus code hooks. */
export type CreateIdentityServerOptions = IdentityServerOptions & IdentityServerHooks;

/** A running identity server. */
export interface IdentityServer {
  /** The issuer identifier. */
  readonly issuer: string;
  /**
   * The `node:http` request listener, the fast path. Mount it in `http.createServer`, Express or
   * Connect; with a `next` argument, unknown paths fall through to it.
   */
  readonly handler: NodeListener;
  /** A web-standard fetch handler (Hono, Bun, Deno, workers). Unknown paths answer 404 unless `onNotFound` is given. */
  fetch(request: Request, onNotFound?: () => Response | Promise<Response>): Promise<Response>;
  /** Listen on a new `node:http` server. Resolves with the server and its URL once listening. */
  listen(port: number, host?: string): Promise<{ server: Server; url: string }>;
  /** Signing keys: `list()`, `rotate()`, the JWKS. */
  readonly keys: KeyManager;
  /** The data-protection provider (`createProtector(purpose)`). */
  readonly dataProtection: DataProtection;
  /** The stores the server uses. */
  readonly stores: Stores;
  /** The grant registry (read-only use after start; register grants through options). */
  readonly grants: GrantRegistry;
  /**
   * The interaction API for your own login, consent and sign-up pages (Duende
   * `IIdentityServerInteractionService`): read the pending request behind a `returnUrl`, sign the
   * user in, record consent, or deny. It works on header values, from any framework.
   *
   * @example
   * ```ts
   * const context = await sigil.interaction.getAuthorizationContext(req.query.returnUrl);
   * const { cookies, redirectTo } = await sigil.interaction.signIn({ headers: req.headers },
   *   { subjectId: user.id, displayName: user.name }, { returnUrl: req.body.returnUrl });
   * res.setHeader('set-cookie', [...cookies]).redirect(303, redirectTo);
   * ```
   */
  readonly interaction: InteractionService;
  /**
   * Login sessions: `getSession(req)`, `signIn`, `signOut`, `listSessions(subjectId)` and
   * `revokeSessions({ subjectId } | { sessionId })`, which also removes the sessions' grants and
   * calls `onSessionsRevoked`. Listing and revoking need server-side sessions (the default).
   *
   * @example
   * ```ts
   * for (const s of await sigil.sessions.listSessions('alice')) console.log(s.sessionId, s.clientIds);
   * await sigil.sessions.revokeSessions({ subjectId: 'alice' }); // signs alice out everywhere
   * ```
   */
  readonly sessions: SessionService;
  /**
   * Remembered consents: `list(subjectId)` and `revoke(subjectId, clientId?)`, which also removes
   * the user's refresh and reference tokens for the client and raises `GrantsRevoked`.
   */
  readonly consents: ConsentService;
  /** The runtime context, for advanced embedding and tests. */
  readonly context: ServerContext;
  /**
   * Clients and resources in the database: list, get, save, remove. Changes need
   * `configurationStore.enabled`; this instance serves them at once, others within
   * `configurationStore.refreshInterval`.
   */
  readonly configuration: ConfigurationAdmin;
  /** Run a background job now by name (`keys`, `data-protection`, `cleanup`, `configuration`). */
  runJob(name: string): Promise<void>;
  /**
   * Graceful shutdown: stop accepting connections, let in-flight requests finish, stop the
   * background jobs and close the stores. Idempotent.
   */
  close(): Promise<void>;
}
