/**
 * The sign-out confirmation and the "signed out" page with front-channel logout iframes.
 */
import { escapeHtml, formatMessage, safeAbsoluteUrl, safeLinkUrl } from '../escape.js';
import { formActionAttr, hiddenInput, type PageContext, type PageParts } from '../layout.js';
import { FORM_FIELDS as F, type LoggedOutPageModel, type LogoutPageModel } from '../models.js';

/** Builds the "Do you want to sign out?" page. */
export function logoutPage(ctx: PageContext, model: LogoutPageModel): PageParts {
  const s = ctx.strings.logout;
  const form = `<form method="post"${formActionAttr(model.formAction)}>
${hiddenInput(F.logoutId, model.logoutId)}
${hiddenInput(F.csrf, model.csrf)}
<div class="actions">
<button class="btn btn--primary" type="submit" autofocus>${escapeHtml(s.submit)}</button>
</div>
</form>`;
  return {
    title: s.title,
    content: `<h1>${escapeHtml(s.heading)}</h1>\n<p class="lead">${escapeHtml(s.subtitle)}</p>\n${form}`,
    fields: {
      text: { logoutId: model.logoutId ?? '', csrf: model.csrf, formAction: safeLinkUrl(model.formAction) ?? '' },
      html: { form },
    },
  };
}

/**
 * Builds the "signed out" page. The post-logout redirect is a visible link, never automatic: the
 * front-channel iframes must get time to load, and the CSP allows no script.
 */
export function loggedOutPage(ctx: PageContext, model: LoggedOutPageModel): PageParts {
  const s = ctx.strings.loggedOut;
  const redirect = safeAbsoluteUrl(model.postLogoutRedirectUri) ?? '';
  const label = model.clientName
    ? formatMessage(s.returnToClient, { clientName: model.clientName })
    : escapeHtml(s.returnToApplication);
  const returnHtml = redirect
    ? `<div class="actions">\n<a class="btn btn--primary" href="${escapeHtml(redirect)}">${label}</a>\n</div>`
    : '';
  const framesHtml = frontChannelUrls(model.frontChannelLogoutUrls)
    .map((url) => `<iframe src="${escapeHtml(url)}" title="${escapeHtml(s.frameTitle)}" hidden></iframe>`)
    .join('\n');
  return {
    title: s.title,
    content: `<h1>${escapeHtml(s.heading)}</h1>\n<p class="lead">${escapeHtml(s.message)}</p>\n${returnHtml}\n${framesHtml}`,
    fields: {
      text: { clientName: model.clientName ?? '', postLogoutRedirectUri: redirect },
      html: { returnHtml, framesHtml },
    },
  };
}

/** The front-channel logout URLs that may be framed: absolute http(s), without duplicates. */
export function frontChannelUrls(urls: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const url of urls ?? []) {
    const safe = safeAbsoluteUrl(url);
    if (safe) out.add(safe);
  }
  return [...out];
}
