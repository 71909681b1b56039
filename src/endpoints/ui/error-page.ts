/**
 * The built-in error page (`/error?errorId=…`). It shows only what was stored under the id: never
 * text from its own query string (the reflected-XSS class X09).
 */
import { MethodNotAllowed } from '../../errors/oauth-error.js';
import type { Endpoint } from '../../host/router.js';
import { page, type UiDeps } from './ui-deps.js';

/** GET /error */
export function errorPageEndpoint(deps: UiDeps): Endpoint {
  return async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new MethodNotAllowed(['GET']);
    const ids = new URLSearchParams(req.search).getAll('errorId');
    const message = ids.length === 1 ? await deps.interaction.getErrorContext(ids[0]) : undefined;
    const body = deps.rt.renderer.error(
      message ?? { error: 'unknown_error', errorDescription: 'The error details have expired or were not found.' },
    );
    return page(400, body);
  };
}
