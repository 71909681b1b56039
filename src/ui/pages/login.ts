/**
 * The login page: username, password, "Remember me", Sign in and Cancel.
 */
import { escapeHtml, formatHtml, formatMessage, formatText, safeLinkUrl } from '../escape.js';
import { formActionAttr, hiddenInput, type PageContext, type PageParts } from '../layout.js';
import { FORM_FIELDS as F, type LoginPageModel } from '../models.js';
import type { UiStrings } from '../strings/types.js';

/**
 * Builds the login page.
 *
 * @param createAccountUrl - the configured sign-up URL (`ui.createAccountUrl`); `model.signUpUrl` wins.
 */
export function loginPage(ctx: PageContext, model: LoginPageModel, createAccountUrl?: string): PageParts {
  const s = ctx.strings.login;
  const error = loginError(ctx.strings, model);
  const errorHtml = error ? `<div class="alert" role="alert" id="login-error">${error.html}</div>` : '';
  const described = error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  const signUpUrl = safeLinkUrl(model.signUpUrl ?? createAccountUrl) ?? '';
  const signUpHtml = signUpUrl
    ? `<p class="secondary-links">${escapeHtml(s.noAccount)} <a href="${escapeHtml(signUpUrl)}">${escapeHtml(s.createAccount)}</a></p>`
    : '';
  const remember =
    model.allowRememberLogin === false
      ? ''
      : `<div class="check">
<input type="checkbox" id="remember-login" name="${F.rememberLogin}" value="true"${model.rememberLogin ? ' checked' : ''}>
<label for="remember-login">${escapeHtml(s.rememberMe)}</label>
</div>`;
  const focusPassword = Boolean(model.username);
  const form = `<form method="post"${formActionAttr(model.formAction)}>
${hiddenInput(F.returnUrl, model.returnUrl)}
${hiddenInput(F.csrf, model.csrf)}
<div class="field">
<label for="username">${escapeHtml(s.username)}</label>
<input class="input" type="text" id="username" name="${F.username}" value="${escapeHtml(model.username)}" autocomplete="username" autocapitalize="none" spellcheck="false" required${focusPassword ? '' : ' autofocus'}${described}>
</div>
<div class="field">
<label for="password">${escapeHtml(s.password)}</label>
<input class="input" type="password" id="password" name="${F.password}" autocomplete="current-password" required${focusPassword ? ' autofocus' : ''}${described}>
</div>
${remember}
<div class="actions">
<button class="btn btn--primary" type="submit" name="${F.button}" value="login">${escapeHtml(s.submit)}</button>
<button class="btn btn--secondary" type="submit" name="${F.button}" value="cancel" formnovalidate>${escapeHtml(s.cancel)}</button>
</div>
</form>`;
  const accountHtml = currentAccount(ctx, model);
  const subtitle = model.clientName
    ? `<p class="lead">${formatHtml(s.subtitleWithClient, { clientName: `<strong>${escapeHtml(model.clientName)}</strong>` })}</p>\n`
    : '';
  return {
    title: s.title,
    content: `<h1>${escapeHtml(s.heading)}</h1>\n${subtitle}${errorHtml}\n${accountHtml}${form}\n${signUpHtml}`,
    fields: {
      text: {
        returnUrl: model.returnUrl,
        csrf: model.csrf,
        username: model.username ?? '',
        clientName: model.clientName ?? '',
        formAction: safeLinkUrl(model.formAction) ?? '',
        signUpUrl,
        errorMessage: error?.text ?? '',
      },
      html: { errorHtml, signUpHtml, accountHtml, form },
    },
  };
}

/** "Continue as …" for the signed-in account (`prompt=select_account`), or ''. */
function currentAccount(ctx: PageContext, model: LoginPageModel): string {
  const account = model.currentAccount;
  if (!account) return '';
  const s = ctx.strings.login;
  const name = `<strong>${escapeHtml(account.displayName)}</strong>`;
  return `<div class="account">
<p>${formatHtml(s.signedInAs, { name })}</p>
<form method="post"${formActionAttr(model.formAction)}>
${hiddenInput(F.returnUrl, model.returnUrl)}
${hiddenInput(F.csrf, model.csrf)}
<button class="btn btn--primary" type="submit" name="${F.button}" value="continue">${formatMessage(s.continueAs, { name: account.displayName })}</button>
</form>
</div>
<p class="divider">${escapeHtml(s.useAnotherAccount)}</p>
`;
}

/** The message for the model's error as plain text and as HTML, or `undefined`. */
function loginError(strings: UiStrings, model: LoginPageModel): { text: string; html: string } | undefined {
  const s = strings.login;
  if (model.error === 'invalid_credentials')
    return { text: s.invalidCredentials, html: escapeHtml(s.invalidCredentials) };
  if (model.error === 'form_expired') return { text: s.formExpired, html: escapeHtml(s.formExpired) };
  if (model.error !== 'account_locked') return undefined;
  const until = model.lockedUntil;
  if (!until || Number.isNaN(until.getTime())) return { text: s.accountLocked, html: escapeHtml(s.accountLocked) };
  const when = formatDate(until, strings.locale, model.timeZone);
  return {
    text: formatText(s.accountLockedUntil, { until: when }),
    html: formatHtml(s.accountLockedUntil, {
      until: `<time datetime="${escapeHtml(until.toISOString())}">${escapeHtml(when)}</time>`,
    }),
  };
}

function formatDate(date: Date, locale: string, timeZone = 'UTC'): string {
  try {
    return new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'short',
    }).format(date);
  } catch {
    return date.toISOString();
  }
}
