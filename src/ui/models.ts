/**
 * The model of each page, and the names of the form fields the pages post, so the endpoints that read
 * the forms use the same names.
 *
 * Every page also accepts `uiLocales` (the OpenID Connect `ui_locales` value) to pick the strings.
 * Custom templates (see `createRenderer`) receive, besides the page fields listed on each model, these
 * common fields: `{{lang}}`, `{{dir}}`, `{{title}}`, `{{productName}}`, `{{logoUrl}}`, `{{stylesheetHref}}`,
 * and the HTML fragments `{{{head}}}` (charset, viewport, title, stylesheet link), `{{{brand}}}` (logo or
 * product name) and `{{{content}}}` (the default card content of the page).
 */

/** Names of the fields the default pages post. */
export const FORM_FIELDS = Object.freeze({
  csrf: 'csrf',
  returnUrl: 'returnUrl',
  username: 'username',
  password: 'password',
  /** `true` when checked. */
  rememberLogin: 'rememberLogin',
  /** Login: `login`, `cancel`, or `continue` (keep the current account, `prompt=select_account`). */
  button: 'button',
  /** Consent: repeated, one per granted scope. */
  scopes: 'scopes',
  /** `true` when checked. */
  rememberConsent: 'rememberConsent',
  /** Consent: `allow` or `deny`. */
  decision: 'decision',
  logoutId: 'logoutId',
  userCode: 'userCode',
});

/** Fields shared by every page model. */
export interface BasePageModel {
  /** The `ui_locales` request parameter; the first supported locale wins, English otherwise. */
  readonly uiLocales?: string;
}

/** Why the last login attempt failed. Deliberately does not say which of username or password was wrong. */
export type LoginError = 'invalid_credentials' | 'account_locked' | 'form_expired';

/**
 * The login page. Posts `username`, `password`, `rememberLogin`, `returnUrl`, `csrf` and `button`
 * (`login` or `cancel`; Cancel skips browser validation).
 *
 * Template `login.html` fields: `{{returnUrl}}`, `{{csrf}}`, `{{username}}`, `{{clientName}}`, `{{formAction}}`,
 * `{{signUpUrl}}`, `{{errorMessage}}` (text), and the fragments `{{{errorHtml}}}` (the alert, or empty),
 * `{{{signUpHtml}}}` (the "Create account" line, or empty), `{{{accountHtml}}}` ("Continue as …", or empty),
 * `{{{form}}}` (the whole form).
 */
export interface LoginPageModel extends BasePageModel {
  /** Where to continue after login (posted back unchanged; validated by the endpoint). */
  readonly returnUrl: string;
  /** Anti-forgery token posted back as `csrf`. */
  readonly csrf: string;
  /** Display name of the client that asked for the login; adds "Sign in to continue to {clientName}". */
  readonly clientName?: string;
  /** Pre-filled username (`login_hint` or the last attempt). */
  readonly username?: string;
  /** Initial state of "Remember me". */
  readonly rememberLogin?: boolean;
  /** Show "Remember me". Default true. */
  readonly allowRememberLogin?: boolean;
  /** The failure to show. */
  readonly error?: LoginError;
  /** With `error: 'account_locked'`: when the lockout ends. */
  readonly lockedUntil?: Date;
  /** IANA time zone for `lockedUntil`. Default `UTC`. */
  readonly timeZone?: string;
  /** Sign-up link; overrides the renderer's `createAccountUrl`. Must be http(s) or a root-relative path. */
  readonly signUpUrl?: string;
  /** Form target; default: post back to the current URL. */
  readonly formAction?: string;
  /**
   * The account already signed in (`prompt=select_account`): the page offers "Continue as …", which
   * posts `button=continue`, above the form for another account.
   */
  readonly currentAccount?: { readonly displayName: string };
}

/** One scope on the consent page. */
export interface ConsentScope {
  /** The scope value, posted as `scopes`. */
  readonly value: string;
  /** Label; defaults to the scope value. */
  readonly displayName?: string;
  readonly description?: string;
  /** Checked, disabled, and posted through a hidden input. */
  readonly required?: boolean;
  /** Highlighted (for example `offline_access` or payment scopes). */
  readonly emphasize?: boolean;
  /** Initial state for optional scopes. Default true. */
  readonly checked?: boolean;
}

/**
 * The consent page. Posts `scopes` (repeated), `rememberConsent`, `decision` (`allow` or `deny`), `returnUrl`
 * and `csrf`.
 *
 * Template `consent.html` fields: `{{clientName}}`, `{{clientUrl}}`, `{{returnUrl}}`, `{{csrf}}`,
 * `{{formAction}}`, and the fragments `{{{identityScopesHtml}}}`, `{{{apiScopesHtml}}}`, `{{{rememberHtml}}}`,
 * `{{{form}}}`.
 */
export interface ConsentPageModel extends BasePageModel {
  readonly returnUrl: string;
  readonly csrf: string;
  readonly clientName: string;
  /** The client's home page (`client_uri`); http(s) only. */
  readonly clientUrl?: string;
  readonly identityScopes: readonly ConsentScope[];
  readonly apiScopes: readonly ConsentScope[];
  /** Show "Remember my decision" (Duende `AllowRememberConsent`). Default false. */
  readonly allowRememberConsent?: boolean;
  /** Initial state of "Remember my decision". Default true, as in Duende. */
  readonly rememberConsent?: boolean;
  readonly formAction?: string;
}

/**
 * The sign-out confirmation. Posts `logoutId` and `csrf`.
 *
 * Template `logout.html` fields: `{{logoutId}}`, `{{csrf}}`, `{{formAction}}`, `{{{form}}}`.
 */
export interface LogoutPageModel extends BasePageModel {
  readonly csrf: string;
  /** Identifies the end-session request; posted back. */
  readonly logoutId?: string;
  readonly formAction?: string;
}

/**
 * The "signed out" page, with front-channel logout iframes. Send it with
 * `htmlSecurityHeaders(frameSrcCsp(model.frontChannelLogoutUrls))` so the frames may load.
 *
 * Template `logged-out.html` fields: `{{clientName}}`, `{{postLogoutRedirectUri}}` (empty unless http(s)),
 * and the fragments `{{{returnHtml}}}` (the return link, or empty) and `{{{framesHtml}}}` (the iframes).
 */
export interface LoggedOutPageModel extends BasePageModel {
  /** Validated `post_logout_redirect_uri` (with `state` appended); shown as a link, never followed automatically. */
  readonly postLogoutRedirectUri?: string;
  readonly clientName?: string;
  /** Front-channel logout URLs of the clients in the session (`frontchannel_logout_uri` with `iss` and `sid`). */
  readonly frontChannelLogoutUrls?: readonly string[];
}

/**
 * The error page. Shows the code, the description and the request id; never a stack trace.
 *
 * Template `error.html` fields: `{{error}}`, `{{errorDescription}}`, `{{requestId}}`.
 */
export interface ErrorPageModel extends BasePageModel {
  /** The error code, such as `invalid_request` or `unauthorized_client`. */
  readonly error: string;
  /** The public `error_description`. */
  readonly errorDescription?: string;
  /** The id to quote to support (the trace or request id). */
  readonly requestId?: string;
}

/**
 * The OAuth 2.0 Form Post Response Mode page (§2): a form that posts the authorization response to
 * the client. A script served from this origin (`formPostScriptPath`) submits it; without script the
 * user presses the visible button. Send it with `formPostSecurityHeaders(scriptUrl)`.
 *
 * Template `form-post.html` fields: `{{action}}`, `{{clientName}}`, and the fragments `{{{form}}}`,
 * `{{{script}}}`.
 */
export interface FormPostPageModel extends BasePageModel {
  /** The client's redirect URI (validated before this page is rendered). */
  readonly action: string;
  /** The response parameters, posted as hidden inputs. */
  readonly fields: Readonly<Record<string, string>>;
  readonly clientName?: string;
}

/**
 * The device-flow page where the user enters the user code (RFC 8628 §3.3). Posts `userCode` and `csrf`.
 *
 * Template `device-code.html` fields: `{{userCode}}`, `{{csrf}}`, `{{formAction}}`, `{{{errorHtml}}}`, `{{{form}}}`.
 */
export interface DeviceCodePageModel extends BasePageModel {
  readonly csrf: string;
  /** Pre-filled code (from `verification_uri_complete`). */
  readonly userCode?: string;
  readonly error?: 'invalid_code';
  readonly formAction?: string;
}

/**
 * Shown after the user approved a device.
 *
 * Template `device-success.html` fields: `{{clientName}}`.
 */
export interface DeviceSuccessPageModel extends BasePageModel {
  readonly clientName?: string;
}
