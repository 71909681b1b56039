/**
 * Builds the interactive sign-in services once, in the composition root: sessions, anti-forgery,
 * the page renderer, the interaction API and the consent API, plus their routes.
 */

import { type ConsentService, createConsentService } from '../consent/consent-service.js';
import { findConsent } from '../consent/consent-store.js';
import type { ServerContext } from '../context.js';
import { authorizeEndpoint } from '../endpoints/authorize.js';
import { authorizeCallbackEndpoint } from '../endpoints/authorize-callback.js';
import { endSessionEndpoint } from '../endpoints/endsession.js';
import { consentEndpoint } from '../endpoints/ui/consent.js';
import { errorPageEndpoint } from '../endpoints/ui/error-page.js';
import { loginEndpoint } from '../endpoints/ui/login.js';
import { logoutEndpoint } from '../endpoints/ui/logout.js';
import { formPostScriptEndpoint, stylesheetEndpoint } from '../endpoints/ui/static-assets.js';
import { pageEndpoint } from '../endpoints/ui/ui-deps.js';
import type { Route } from '../host/router.js';
import { createInteractionService, type InteractionService } from '../interaction/interaction-service.js';
import { issuerPath } from '../interaction/return-url.js';
import { type InteractionRuntime, interactionUrls, UI_PATHS } from '../interaction/runtime.js';
import { createBackChannelNotifier } from '../logout/back-channel.js';
import { createAntiforgery } from '../sessions/antiforgery.js';
import type { SessionsRevokedHook } from '../sessions/session-hooks.js';
import { createSessionService, SESSION_TICKET_PURPOSE, type SessionService } from '../sessions/session-service.js';
import { readSessionRows } from '../sessions/ticket-stores.js';
import { createRenderer } from '../ui/renderer.js';
import type { ExpiredSessionsHook } from './cleanup-expired.js';
import { ENDPOINT_PATHS } from './endpoint-urls.js';

/** The sign-in services of a server. */
export interface SignInServices {
  readonly runtime: InteractionRuntime;
  readonly sessions: SessionService;
  readonly interaction: InteractionService;
  readonly consents: ConsentService;
  /** For the cleanup job: back-channel logout for expired sessions, when configured. */
  readonly onSessionsExpired?: ExpiredSessionsHook;
}

/** Create the services; `onSessionsRevoked` is the host's hook, called after the built-in one. */
export function createSignInServices(ctx: ServerContext, onSessionsRevoked?: SessionsRevokedHook): SignInServices {
  const base = issuerPath(ctx.issuer);
  const ui = ctx.options.ui;
  const renderer = createRenderer({
    branding: ui,
    templatesDir: ui.templatesDir,
    createAccountUrl: ui.createAccountUrl,
    stylesheetPath: base + UI_PATHS.stylesheet,
    formPostScriptPath: base + UI_PATHS.formPostScript,
  });
  for (const w of renderer.branding.warnings) ctx.logger.warn(w);
  const backChannel = createBackChannelNotifier(ctx);
  // The built-in reaction always runs: back-channel logout for every client of the ended sessions,
  // delivered in the background; the host's hook runs after it.
  const onRevoked: SessionsRevokedHook = async (ended, c, reason) => {
    void backChannel.notify(ended);
    await onSessionsRevoked?.(ended, c, reason);
  };
  const sessions = createSessionService(ctx, onRevoked);
  const runtime: InteractionRuntime = {
    ctx,
    sessions,
    backChannel,
    antiforgery: createAntiforgery(ctx),
    renderer,
    urls: interactionUrls(ctx),
    findConsent: (subjectId, clientId) => findConsent(ctx, subjectId, clientId),
  };
  const ticketProtector = ctx.protection.createProtector(SESSION_TICKET_PURPOSE);
  return {
    runtime,
    sessions,
    interaction: createInteractionService(runtime),
    consents: createConsentService(ctx),
    onSessionsExpired: ctx.options.authentication.expiredSessionsTriggerBackChannelLogout
      ? (rows) => void backChannel.notify(readSessionRows(ctx, ticketProtector, rows))
      : undefined,
  };
}

/** The routes of the authorize endpoint and the built-in pages (a page replaced by `ui.*Url` is not served). */
export function signInRoutes(s: SignInServices): Route[] {
  const rt = s.runtime;
  const deps = { rt, interaction: s.interaction };
  const routes: Route[] = [
    { path: ENDPOINT_PATHS.authorize, endpoint: authorizeEndpoint(rt) },
    { path: ENDPOINT_PATHS.authorizeCallback, endpoint: authorizeCallbackEndpoint(rt) },
    { path: ENDPOINT_PATHS.endSession, endpoint: endSessionEndpoint(rt) },
    { path: UI_PATHS.stylesheet, endpoint: stylesheetEndpoint(deps) },
    { path: UI_PATHS.formPostScript, endpoint: formPostScriptEndpoint() },
  ];
  if (rt.urls.builtIn.login) routes.push({ path: UI_PATHS.login, endpoint: pageEndpoint(deps, loginEndpoint(deps)) });
  if (rt.urls.builtIn.consent)
    routes.push({ path: UI_PATHS.consent, endpoint: pageEndpoint(deps, consentEndpoint(deps)) });
  if (rt.urls.builtIn.logout)
    routes.push({ path: UI_PATHS.logout, endpoint: pageEndpoint(deps, logoutEndpoint(deps)) });
  if (rt.urls.builtIn.error)
    routes.push({ path: UI_PATHS.error, endpoint: pageEndpoint(deps, errorPageEndpoint(deps)) });
  return routes;
}
