/**
 * The consent page: identity and API scopes as checkboxes, "Remember my decision", Allow and Deny.
 */
import { escapeHtml, formatHtml, safeAbsoluteUrl, safeLinkUrl } from '../escape.js';
import { formActionAttr, hiddenInput, type PageContext, type PageParts } from '../layout.js';
import { type ConsentPageModel, type ConsentScope, FORM_FIELDS as F } from '../models.js';
import type { UiStrings } from '../strings/types.js';

/** Builds the consent page. */
export function consentPage(ctx: PageContext, model: ConsentPageModel): PageParts {
  const s = ctx.strings.consent;
  const identityScopesHtml = scopeGroup(ctx.strings, s.identityScopes, 'identity', model.identityScopes);
  const apiScopesHtml = scopeGroup(ctx.strings, s.apiScopes, 'api', model.apiScopes);
  const rememberHtml = model.allowRememberConsent
    ? `<div class="check remember">
<input type="checkbox" id="remember-consent" name="${F.rememberConsent}" value="true"${model.rememberConsent === false ? '' : ' checked'}>
<label for="remember-consent">${escapeHtml(s.rememberDecision)}</label>
</div>`
    : '';
  const clientUrl = safeAbsoluteUrl(model.clientUrl) ?? '';
  const clientLink = clientUrl
    ? `<p class="muted"><a href="${escapeHtml(clientUrl)}" rel="noopener noreferrer">${escapeHtml(s.visitClient)}</a></p>\n`
    : '';
  const form = `<form method="post"${formActionAttr(model.formAction)}>
${hiddenInput(F.returnUrl, model.returnUrl)}
${hiddenInput(F.csrf, model.csrf)}
${identityScopesHtml}
${apiScopesHtml}
${rememberHtml}
<div class="actions">
<button class="btn btn--primary" type="submit" name="${F.decision}" value="allow">${escapeHtml(s.allow)}</button>
<button class="btn btn--secondary" type="submit" name="${F.decision}" value="deny">${escapeHtml(s.deny)}</button>
</div>
</form>`;
  const heading = formatHtml(s.heading, { clientName: `<strong>${escapeHtml(model.clientName)}</strong>` });
  return {
    title: s.title,
    wide: true,
    content: `<h1>${heading}</h1>\n<p class="lead">${escapeHtml(s.subtitle)}</p>\n${clientLink}${form}`,
    fields: {
      text: {
        clientName: model.clientName,
        clientUrl,
        returnUrl: model.returnUrl,
        csrf: model.csrf,
        formAction: safeLinkUrl(model.formAction) ?? '',
      },
      html: { identityScopesHtml, apiScopesHtml, rememberHtml, form },
    },
  };
}

function scopeGroup(strings: UiStrings, legend: string, idPrefix: string, scopes: readonly ConsentScope[]): string {
  if (scopes.length === 0) return '';
  const items = scopes.map((scope, i) => scopeItem(strings, `scope-${idPrefix}-${i}`, scope)).join('\n');
  return `<fieldset class="scopes">
<legend>${escapeHtml(legend)}</legend>
<ul class="scope-list">
${items}
</ul>
</fieldset>`;
}

function scopeItem(strings: UiStrings, id: string, scope: ConsentScope): string {
  const name = escapeHtml(scope.displayName || scope.value);
  const tag = scope.required ? ` <span class="scope__tag">${escapeHtml(strings.consent.required)}</span>` : '';
  const descId = `${id}-desc`;
  const desc = scope.description
    ? `<span class="scope__desc" id="${descId}">${escapeHtml(scope.description)}</span>`
    : '';
  const describedBy = scope.description ? ` aria-describedby="${descId}"` : '';
  const value = escapeHtml(scope.value);
  // Disabled inputs are not submitted, so a required scope is posted by a hidden twin.
  const input = scope.required
    ? `<input type="checkbox" id="${id}" value="${value}" checked disabled${describedBy}>`
    : `<input type="checkbox" id="${id}" name="${F.scopes}" value="${value}"${scope.checked === false ? '' : ' checked'}${describedBy}>`;
  const twin = scope.required ? `\n${hiddenInput(F.scopes, scope.value)}` : '';
  return `<li class="scope${scope.emphasize ? ' scope--emphasized' : ''}">
<div class="check">
${input}
<div><label for="${id}"><span class="scope__name">${name}</span>${tag}</label>${desc}</div>
</div>${twin}
</li>`;
}
