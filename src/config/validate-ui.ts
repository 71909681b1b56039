/**
 * Checks of the `ui` options: the page URLs end up in `Location` headers and links, so each must
 * be a root-relative path or an absolute http(s) URL (never `//host`, `/\\host` or a script URL).
 */
import { ItemChecker } from './configuration-error.js';
import type { UiInput } from './types.js';

const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp|svg\+xml);base64,[A-Za-z0-9+/=]+$/;

const URL_FIELDS = ['loginUrl', 'consentUrl', 'logoutUrl', 'errorUrl', 'createAccountUrl', 'logoUrl'] as const;

function urlProblem(value: string): string | undefined {
  if (value.startsWith('/')) {
    if (value.startsWith('//') || value.startsWith('/\\')) return 'must not start with "//" or "/\\\\"';
    return /[\u0000-\u0020\u007f\\]/.test(value)
      ? 'must not contain white space, control characters or "\\\\"'
      : undefined;
  }
  try {
    const u = new URL(value);
    return u.protocol === 'https:' || u.protocol === 'http:' ? undefined : 'must be an http(s) URL or a path';
  } catch {
    return 'must be an absolute http(s) URL or a path starting with "/"';
  }
}

/** Validate `ui`; returns it unchanged, recording errors with the field named. */
export function validateUi(raw: unknown, errors: string[]): UiInput {
  if (raw === undefined || raw === null) return {};
  const c = new ItemChecker('ui', errors);
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push('ui: must be an object');
    return {};
  }
  const ui = raw as Record<string, unknown>;
  for (const field of URL_FIELDS) {
    const v = c.str(ui, field);
    // The logo may also be an inline image (the UI's CSP allows `img-src data:`).
    const inlineImage = field === 'logoUrl' && v !== undefined && DATA_IMAGE.test(v);
    const problem = v === undefined || inlineImage ? undefined : urlProblem(v);
    if (problem) c.fail(field, problem);
  }
  for (const field of ['productName', 'primaryColor', 'backgroundColor', 'templatesDir'] as const) c.str(ui, field);
  c.bool(ui, 'automaticRedirectAfterSignOut', true);
  return ui as UiInput;
}
