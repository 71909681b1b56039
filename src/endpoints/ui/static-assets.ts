/**
 * The stylesheet (`/ui/sigil.css`) and the form_post script (`/ui/form-post.js`): long-lived,
 * immutable when requested with their `?v=` hash, with a strong ETag and 304 answers.
 */
import { sha256b64url } from '../../crypto/handles.js';
import { MethodNotAllowed } from '../../errors/oauth-error.js';
import { header } from '../../host/request.js';
import type { Endpoint } from '../../host/router.js';
import { FORM_POST_SCRIPT } from '../../ui/pages/form-post.js';
import type { UiDeps } from './ui-deps.js';

const YEAR = 31_536_000;

function asset(body: string, contentType: string, etag: string): Endpoint {
  return (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new MethodNotAllowed(['GET']);
    const headers = {
      'content-type': contentType,
      'cache-control': `public, max-age=${YEAR}, immutable`,
      etag,
      'x-content-type-options': 'nosniff',
    };
    const match = header(req, 'if-none-match');
    if (match?.split(',').some((t) => t.trim() === etag)) return { status: 304, headers };
    return { status: 200, headers, body: req.method === 'HEAD' ? undefined : body };
  };
}

/** GET /ui/sigil.css */
export function stylesheetEndpoint(deps: UiDeps): Endpoint {
  const sheet = deps.rt.renderer.stylesheet();
  return asset(sheet.css, sheet.contentType, sheet.etag);
}

/** GET /ui/form-post.js */
export function formPostScriptEndpoint(): Endpoint {
  const etag = `"${sha256b64url(FORM_POST_SCRIPT).slice(0, 16)}"`;
  return asset(FORM_POST_SCRIPT, 'text/javascript; charset=utf-8', etag);
}
