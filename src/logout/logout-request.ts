/**
 * A validated end-session request, sealed into the logout page's `logoutId` (Duende's
 * `LogoutMessage`). Like the authorize return URL, it carries the request data-protected, so the
 * logout page needs no server state and works on any instance.
 */
import type { ServerContext } from '../context.js';
import type { ValidatedEndSessionRequest } from '../validation/end-session/validate-end-session-request.js';

/** How long the user may take on the logout page, in seconds. */
export const LOGOUT_REQUEST_LIFETIME = 3600;
const PURPOSE = 'logout-request';

/** What `logoutId` holds. */
export interface LogoutRequest {
  readonly clientId?: string;
  /** `sub` and `sid` of a valid `id_token_hint`. */
  readonly hintSubjectId?: string;
  readonly hintSessionId?: string;
  readonly postLogoutRedirectUri?: string;
  readonly state?: string;
  readonly uiLocales?: string;
  readonly expiresAt: number;
}

/** Seal a validated request into a `logoutId`. */
export function sealLogoutRequest(ctx: ServerContext, r: ValidatedEndSessionRequest): string {
  const message: LogoutRequest = {
    clientId: r.client?.clientId,
    hintSubjectId: r.hint?.subjectId,
    hintSessionId: r.hint?.sessionId,
    postLogoutRedirectUri: r.postLogoutRedirectUri,
    state: r.state,
    uiLocales: r.uiLocales,
    expiresAt: ctx.now() + LOGOUT_REQUEST_LIFETIME,
  };
  return ctx.protection.createProtector(PURPOSE).protect(JSON.stringify(message));
}

/** Open a `logoutId`: the request, or undefined when it is not one of ours or has expired. */
export function openLogoutRequest(ctx: ServerContext, logoutId: string): LogoutRequest | undefined {
  if (logoutId.length > 8192) return undefined;
  let message: LogoutRequest;
  try {
    message = JSON.parse(ctx.protection.createProtector(PURPOSE).unprotect(logoutId)) as LogoutRequest;
  } catch {
    return undefined;
  }
  if (typeof message?.expiresAt !== 'number' || message.expiresAt <= ctx.now()) return undefined;
  return message;
}
