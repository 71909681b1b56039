/**
 * The device flow pages (RFC 8628 §3.3): enter the user code, then the success message.
 */
import { escapeHtml, formatMessage, safeLinkUrl } from '../escape.js';
import { formActionAttr, hiddenInput, type PageContext, type PageParts } from '../layout.js';
import { type DeviceCodePageModel, type DeviceSuccessPageModel, FORM_FIELDS as F } from '../models.js';

/** Builds the "enter the code shown on your device" page. */
export function deviceCodePage(ctx: PageContext, model: DeviceCodePageModel): PageParts {
  const s = ctx.strings.device;
  const errorHtml = model.error
    ? `<div class="alert" role="alert" id="device-error">${escapeHtml(s.invalidCode)}</div>`
    : '';
  const describedBy = model.error ? 'user-code-hint device-error' : 'user-code-hint';
  const form = `<form method="post"${formActionAttr(model.formAction)}>
${hiddenInput(F.csrf, model.csrf)}
<div class="field">
<label for="user-code">${escapeHtml(s.userCode)}</label>
<input class="input input--code" type="text" id="user-code" name="${F.userCode}" value="${escapeHtml(model.userCode)}" autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" required autofocus aria-describedby="${describedBy}"${model.error ? ' aria-invalid="true"' : ''}>
<p class="muted" id="user-code-hint">${escapeHtml(s.userCodeHint)}</p>
</div>
<div class="actions">
<button class="btn btn--primary" type="submit">${escapeHtml(s.submit)}</button>
</div>
</form>`;
  return {
    title: s.title,
    content: `<h1>${escapeHtml(s.heading)}</h1>\n<p class="lead">${escapeHtml(s.subtitle)}</p>\n${errorHtml}\n${form}`,
    fields: {
      text: { userCode: model.userCode ?? '', csrf: model.csrf, formAction: safeLinkUrl(model.formAction) ?? '' },
      html: { errorHtml, form },
    },
  };
}

/** Builds the page shown after the user approved a device. */
export function deviceSuccessPage(ctx: PageContext, model: DeviceSuccessPageModel): PageParts {
  const s = ctx.strings.device;
  return {
    title: s.successTitle,
    content: `<h1>${escapeHtml(s.successHeading)}</h1>\n<p class="lead">${formatMessage(s.successMessage)}</p>`,
    fields: { text: { clientName: model.clientName ?? '' }, html: {} },
  };
}
