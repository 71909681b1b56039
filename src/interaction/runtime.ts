/**
 * What the browser-facing endpoints share: the session service, anti-forgery, the page renderer and
 * the URLs of the login, consent and error pages (built-in, or the host's own through `ui.*Url`).
 * Built once by the composition root; endpoints receive it by closure.
 */
import type { Consent } from '../consent/consent-store.js';
import type { ServerContext } from '../context.js';
import type { BackChannelNotifier } from '../logout/back-channel.js';
import type { Antiforgery } from '../sessions/antiforgery.js';
import type { SessionService } from '../sessions/session-service.js';
import type { Renderer } from '../ui/renderer.js';
import { issuerPath } from './return-url.js';

/** Default paths of the built-in pages, relative to the issuer (Duende's defaults where it has them). */
export const UI_PATHS = Object.freeze({
  login: '/account/login',
  consent: '/consent',
  error: '/error',
  logout: '/account/logout',
  stylesheet: '/ui/sigil.css',
  formPostScript: '/ui/form-post.js',
});

/** Where the pages are. Custom URLs replace the built-in page, which is then not served. */
export interface InteractionUrls {
  readonly login: string;
  readonly consent: string;
  readonly error: string;
  readonly logout: string;
  readonly createAccount?: string;
  /** Absolute URL of the form_post script (it appears in a CSP). */
  readonly formPostScript: string;
  /** The built-in pages that are served. */
  readonly builtIn: {
    readonly login: boolean;
    readonly consent: boolean;
    readonly error: boolean;
    readonly logout: boolean;
  };
}

/** Shared services of the browser-facing endpoints. */
export interface InteractionRuntime {
  readonly ctx: ServerContext;
  readonly sessions: SessionService;
  /** Back-channel logout delivery for ended sessions. */
  readonly backChannel: BackChannelNotifier;
  readonly antiforgery: Antiforgery;
  readonly renderer: Renderer;
  readonly urls: InteractionUrls;
  /** Remembered consent lookup (replaceable in tests; the default reads `stores.grants`). */
  readonly findConsent: (subjectId: string, clientId: string) => Promise<Consent | undefined>;
}

/** The page URLs for `ctx`'s options. */
export function interactionUrls(ctx: ServerContext): InteractionUrls {
  const base = issuerPath(ctx.issuer);
  const ui = ctx.options.ui;
  return Object.freeze({
    login: ui.loginUrl ?? base + UI_PATHS.login,
    consent: ui.consentUrl ?? base + UI_PATHS.consent,
    error: ui.errorUrl ?? base + UI_PATHS.error,
    logout: ui.logoutUrl ?? base + UI_PATHS.logout,
    createAccount: ui.createAccountUrl,
    formPostScript: new URL(ctx.issuer).origin + base + UI_PATHS.formPostScript,
    builtIn: Object.freeze({
      login: !ui.loginUrl,
      consent: !ui.consentUrl,
      error: !ui.errorUrl,
      logout: !ui.logoutUrl,
    }),
  });
}

/** `url` with `name=value` appended to its query. */
export function withQuery(url: string, name: string, value: string): string {
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
}
