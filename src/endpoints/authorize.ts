/**
 * The authorization endpoint (RFC 6749 §3.1, OpenID Connect Core §3.1.2): GET with a query, or
 * POST with a form (§3.1.2.1). A `request_uri` of the PAR endpoint is consumed first and its
 * parameters replace the request's (RFC 9126 §4). It only orchestrates; see `authorize-flow.ts`.
 */
import { MethodNotAllowed } from '../errors/oauth-error.js';
import { readForm, readQuery } from '../host/body.js';
import type { Endpoint } from '../host/router.js';
import type { InteractionRuntime } from '../interaction/runtime.js';
import { authorizeErrorResult } from '../response/authorize/authorize-error.js';
import { resolveRequestUri } from '../validation/authorize/resolve-request-uri.js';
import { runAuthorize } from './authorize-flow.js';

/** GET|POST /connect/authorize */
export function authorizeEndpoint(rt: InteractionRuntime): Endpoint {
  return async (req, ctx) => {
    // Duende: GET or POST only; a POST that is not a form answers 415.
    if (req.method !== 'GET' && req.method !== 'POST') throw new MethodNotAllowed(['GET', 'POST']);
    const params = req.method === 'GET' ? readQuery(req) : readForm(req, 415);
    if (!params.has('request_uri')) return runAuthorize(rt, req, params);
    let pushed: Awaited<ReturnType<typeof resolveRequestUri>>;
    try {
      pushed = await resolveRequestUri(ctx, params);
    } catch (e) {
      // No redirect URI was validated yet: every failure goes to the error page.
      return authorizeErrorResult(rt, req, e, undefined);
    }
    return runAuthorize(rt, req, pushed, undefined, true);
  };
}
