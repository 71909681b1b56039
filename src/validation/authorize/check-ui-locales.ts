/**
 * `check-ui-locales`: space-separated BCP 47 tags, passed to the pages.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import { LIMITS, type Params } from '../../host/form.js';
import type { AuthorizeDraft } from './types.js';

const TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** Check `ui_locales` tags. */
// OpenID Connect Core §3.1.2.1
export function checkUiLocales(d: AuthorizeDraft): void {
  d.uiLocales = readUiLocales(d.params);
}

/** `ui_locales` of a request (authorize or end session), or undefined; `invalid_request` when malformed. */
export function readUiLocales(params: Params): string | undefined {
  const raw = params.get('ui_locales', LIMITS.uiLocale);
  if (raw === undefined) return undefined;
  for (const tag of raw.split(' ')) {
    if (tag !== '' && !TAG.test(tag)) throw new InvalidRequest('"ui_locales" must be BCP 47 language tags');
  }
  return raw;
}
