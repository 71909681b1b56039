/**
 * `check-acr-values`: requested authentication context classes, plus Duende's `idp:<name>` and
 * `tenant:<name>` entries, which are taken out of the list.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import type { AuthorizeDraft } from './types.js';

const TOKEN = /^[\x21-\x7e]+$/;

/** Read `acr_values`, taking out `idp:` and `tenant:`. */
// OpenID Connect Core §3.1.2.1
export function checkAcrValues(d: AuthorizeDraft): void {
  const raw = d.params.get('acr_values', LIMITS.acrValues);
  const acr: string[] = [];
  d.acrValues = acr;
  if (raw === undefined) return;
  for (const v of raw.split(' ')) {
    if (v === '') continue;
    if (!TOKEN.test(v)) throw new InvalidRequest('"acr_values" must be values separated by spaces');
    if (v.startsWith('idp:') && v.length > 4) d.idp = v.slice(4);
    else if (v.startsWith('tenant:') && v.length > 7) d.tenant = v.slice(7);
    else acr.push(v);
  }
}
