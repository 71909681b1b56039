/**
 * The form_post response page (OAuth 2.0 Form Post Response Mode §2): a form with hidden inputs and a
 * visible Continue button, submitted by a script from this origin. No inline script.
 */
import { escapeHtml, formatHtml, safeAbsoluteUrl } from '../escape.js';
import { hiddenInput, type PageContext, type PageParts } from '../layout.js';
import type { FormPostPageModel } from '../models.js';

/** The id of the form the script submits. */
export const FORM_POST_FORM_ID = 'sigil-form-post';

/** The script that submits the form; serve it at `formPostScriptPath` with `text/javascript`. */
export const FORM_POST_SCRIPT = `// Submits the authorization response (OAuth 2.0 Form Post Response Mode). No inline script is needed.
document.getElementById('${FORM_POST_FORM_ID}')?.submit();
`;

/**
 * Builds the form_post page. `action` must be the validated redirect URI; anything that is not an
 * absolute URL leaves the form without a target, so nothing is posted.
 */
export function formPostPage(ctx: PageContext, model: FormPostPageModel, scriptUrl: string): PageParts {
  const s = ctx.strings.formPost;
  const action = safeAbsoluteUrl(model.action) ?? safeFormAction(model.action);
  const inputs = Object.entries(model.fields)
    .map(([name, value]) => hiddenInput(name, value))
    .join('\n');
  const form = `<form method="post" id="${FORM_POST_FORM_ID}" action="${escapeHtml(action)}">
${inputs}
<div class="actions">
<button class="btn btn--primary" type="submit">${escapeHtml(s.submit)}</button>
</div>
</form>`;
  const script = `<script src="${escapeHtml(scriptUrl)}"></script>`;
  const message = model.clientName
    ? formatHtml(s.messageWithClient, { clientName: `<strong>${escapeHtml(model.clientName)}</strong>` })
    : escapeHtml(s.message);
  return {
    title: s.title,
    content: `<h1>${escapeHtml(s.heading)}</h1>\n<p class="lead">${message}</p>\n${form}\n${script}`,
    fields: {
      text: { action: action ?? '', clientName: model.clientName ?? '' },
      html: { form, script },
    },
  };
}

// Native clients post to custom schemes (com.example.app:/cb); never to script-capable schemes.
function safeFormAction(value: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (!scheme || ['javascript', 'data', 'vbscript', 'file', 'blob', 'about'].includes(scheme)) return '';
  return value;
}
