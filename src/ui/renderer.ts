/**
 * `createRenderer`: the default pages, with branding, locales and optional replacement templates.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { UiInput } from '../config/types.js';
import { type Branding, resolveBranding } from './branding.js';
import { commonFields, type PageContext, type PageParts, renderLayout } from './layout.js';
import type {
  ConsentPageModel,
  DeviceCodePageModel,
  DeviceSuccessPageModel,
  ErrorPageModel,
  FormPostPageModel,
  LoggedOutPageModel,
  LoginPageModel,
  LogoutPageModel,
} from './models.js';
import { consentPage } from './pages/consent.js';
import { deviceCodePage, deviceSuccessPage } from './pages/device.js';
import { errorPage } from './pages/error.js';
import { formPostPage } from './pages/form-post.js';
import { loginPage } from './pages/login.js';
import { loggedOutPage, logoutPage } from './pages/logout.js';
import { BUILT_IN_LOCALES, getStrings } from './strings/index.js';
import type { UiStrings } from './strings/types.js';
import { renderStylesheet, stylesheetEtag, stylesheetHash } from './stylesheet.js';
import { fillTemplate } from './template.js';

/** Options of {@link createRenderer}. */
export interface RendererOptions {
  /** Product name, logo and colours; validated again here, invalid values fall back to the defaults. */
  readonly branding?: Pick<UiInput, 'productName' | 'logoUrl' | 'primaryColor' | 'backgroundColor'>;
  /**
   * A directory with replacement pages, read once when the renderer is created. Each file that exists replaces
   * its page: `login.html`, `consent.html`, `logout.html`, `logged-out.html`, `error.html`, `device-code.html`,
   * `device-success.html`, `form-post.html`. A `custom.css` there is appended to the stylesheet. See the page models for the fields.
   */
  readonly templatesDir?: string;
  /** Default "Create account" link of the login page (`ui.createAccountUrl`). */
  readonly createAccountUrl?: string;
  /** Where the host serves the stylesheet. Default `/ui/sigil.css`. */
  readonly stylesheetPath?: string;
  /** Where the host serves the form_post script (`FORM_POST_SCRIPT`). Default `/ui/form-post.js`. */
  readonly formPostScriptPath?: string;
  /** Locale catalogue, keyed by lower-case BCP 47 tag. Default: the built-in locales. */
  readonly locales?: Readonly<Record<string, UiStrings>>;
}

/** The stylesheet, ready to serve. */
export interface Stylesheet {
  readonly css: string;
  /** Content hash, as in `href`. */
  readonly hash: string;
  /** Strong ETag header value. */
  readonly etag: string;
  /** `stylesheetPath?v=<hash>`: the URL the pages link; safe to cache for a year (`immutable`). */
  readonly href: string;
  readonly contentType: 'text/css; charset=utf-8';
}

/** The page renderer. Every method returns a complete HTML document. */
export interface Renderer {
  readonly branding: Branding;
  login(model: LoginPageModel): string;
  consent(model: ConsentPageModel): string;
  logout(model: LogoutPageModel): string;
  loggedOut(model: LoggedOutPageModel): string;
  error(model: ErrorPageModel): string;
  deviceCode(model: DeviceCodePageModel): string;
  deviceSuccess(model: DeviceSuccessPageModel): string;
  /** The form_post response page; send it with `formPostSecurityHeaders`. */
  formPost(model: FormPostPageModel): string;
  stylesheet(): Stylesheet;
}

/** Template file name per page. */
export const TEMPLATE_FILES = Object.freeze({
  login: 'login.html',
  consent: 'consent.html',
  logout: 'logout.html',
  loggedOut: 'logged-out.html',
  error: 'error.html',
  deviceCode: 'device-code.html',
  deviceSuccess: 'device-success.html',
  formPost: 'form-post.html',
});

type PageName = keyof typeof TEMPLATE_FILES;

/**
 * Creates the renderer of the login, consent, logout, signed-out, error and device pages.
 *
 * @throws TypeError when `templatesDir` is given but is not a directory.
 *
 * @example
 * ```ts
 * const ui = createRenderer({ branding: { productName: 'Acme ID', primaryColor: '#0a7d4f' } });
 * const page = ui.login({ returnUrl: '/connect/authorize/callback?…', csrf, clientName: 'Acme Web' });
 * const { css, etag } = ui.stylesheet(); // serve at /ui/sigil.css
 * ```
 */
export function createRenderer(options: RendererOptions = {}): Renderer {
  const branding = resolveBranding(options.branding);
  const templates = loadTemplates(options.templatesDir);
  const css = renderStylesheet(branding) + (templates.customCss ? `\n/* custom.css */\n${templates.customCss}` : '');
  const hash = stylesheetHash(css);
  const sheet: Stylesheet = Object.freeze({
    css,
    hash,
    etag: stylesheetEtag(css),
    href: `${options.stylesheetPath ?? '/ui/sigil.css'}?v=${hash}`,
    contentType: 'text/css; charset=utf-8',
  });
  const locales = options.locales ?? BUILT_IN_LOCALES;

  function render<M extends { uiLocales?: string }>(
    page: PageName,
    model: M,
    build: (ctx: PageContext, m: M) => PageParts,
  ) {
    const ctx: PageContext = { branding, strings: getStrings(model.uiLocales, locales), stylesheetHref: sheet.href };
    const parts = build(ctx, model);
    const template = templates.pages[page];
    if (template === undefined) return renderLayout(ctx, parts);
    const common = commonFields(ctx, parts);
    return fillTemplate(template, {
      text: { ...common.text, ...parts.fields.text },
      html: { ...common.html, ...parts.fields.html },
    });
  }

  return Object.freeze({
    branding,
    login: (m: LoginPageModel) => render('login', m, (ctx, x) => loginPage(ctx, x, options.createAccountUrl)),
    consent: (m: ConsentPageModel) => render('consent', m, consentPage),
    logout: (m: LogoutPageModel) => render('logout', m, logoutPage),
    loggedOut: (m: LoggedOutPageModel) => render('loggedOut', m, loggedOutPage),
    error: (m: ErrorPageModel) => render('error', m, errorPage),
    deviceCode: (m: DeviceCodePageModel) => render('deviceCode', m, deviceCodePage),
    deviceSuccess: (m: DeviceSuccessPageModel) => render('deviceSuccess', m, deviceSuccessPage),
    formPost: (m: FormPostPageModel) =>
      render('formPost', m, (ctx, x) => formPostPage(ctx, x, options.formPostScriptPath ?? '/ui/form-post.js')),
    stylesheet: () => sheet,
  });
}

function loadTemplates(dir: string | undefined): { pages: Partial<Record<PageName, string>>; customCss?: string } {
  if (dir === undefined) return { pages: {} };
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new TypeError(`"ui.templatesDir" (${dir}) is not a directory`);
  }
  const pages: Partial<Record<PageName, string>> = {};
  for (const [page, file] of Object.entries(TEMPLATE_FILES) as [PageName, string][]) {
    const path = join(dir, file);
    if (existsSync(path)) pages[page] = readFileSync(path, 'utf8');
  }
  const cssPath = join(dir, 'custom.css');
  return { pages, customCss: existsSync(cssPath) ? readFileSync(cssPath, 'utf8') : undefined };
}
