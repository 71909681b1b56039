/**
 * The error page: a friendly message with the error code, the description and a request id.
 */
import { escapeHtml } from '../escape.js';
import type { PageContext, PageParts } from '../layout.js';
import type { ErrorPageModel } from '../models.js';

/** Builds the error page. Only the public code and description are shown, never a stack trace. */
export function errorPage(ctx: PageContext, model: ErrorPageModel): PageParts {
  const s = ctx.strings.error;
  const description = model.errorDescription
    ? `<p>${escapeHtml(model.errorDescription)}</p>\n`
    : `<p>${escapeHtml(s.message)}</p>\n`;
  const code = `<p class="error-code">${escapeHtml(s.errorCode)}: <code>${escapeHtml(model.error)}</code></p>`;
  const requestId = model.requestId
    ? `\n<p class="request-id muted">${escapeHtml(s.requestId)}: <code>${escapeHtml(model.requestId)}</code></p>`
    : '';
  return {
    title: s.title,
    content: `<h1>${escapeHtml(s.heading)}</h1>\n${description}${code}${requestId}`,
    fields: {
      text: { error: model.error, errorDescription: model.errorDescription ?? '', requestId: model.requestId ?? '' },
      html: {},
    },
  };
}
