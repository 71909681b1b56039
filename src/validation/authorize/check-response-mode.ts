/**
 * `check-response-mode`: `query`, `fragment` or `form_post`; tokens never travel in the query.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import type { AuthorizeDraft, ResponseMode } from './types.js';

const MODES: ReadonlySet<string> = new Set<ResponseMode>(['query', 'fragment', 'form_post']);

/** The default response mode of a response type (OAuth 2.0 Multiple Response Types §2.1, §5). */
export function defaultResponseMode(responseType: string | undefined): ResponseMode {
  return responseType === undefined || responseType === 'code' ? 'query' : 'fragment';
}

/** Read `response_mode`, defaulting by response type. */
// OAuth 2.0 Multiple Response Type Encoding Practices §2.1, §5; OAuth 2.0 Form Post Response Mode §2
export function checkResponseMode(d: AuthorizeDraft): void {
  const mode = d.params.get('response_mode', 100);
  if (mode === undefined) {
    d.responseMode = defaultResponseMode(d.responseType);
    return;
  }
  if (!MODES.has(mode)) throw new InvalidRequest('"response_mode" must be query, fragment or form_post');
  if (mode === 'query' && d.responseType !== 'code')
    throw new InvalidRequest('"response_mode" query is not allowed for response types that return tokens');
  d.responseMode = mode as ResponseMode;
}
