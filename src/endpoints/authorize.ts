/**
 * The authorization endpoint (RFC 6749 §3.1, OpenID Connect Core §3.1.2): GET with a query, or
 * POST with a form (§3.1.2.1). It only orchestrates; see `authorize-flow.ts`.
 */
import { MethodNotAllowed } from '../errors/oauth-error.js';
import { readForm, readQuery } from '../host/body.js';
import type { Endpoint } from '../host/router.js';
import type { InteractionRuntime } from '../interaction/runtime.js';
import { runAuthorize } from './authorize-flow.js';

/** GET|POST /connect/authorize */
export function authorizeEndpoint(rt: InteractionRuntime): Endpoint {
  return (req) => {
    // Duende: GET or POST only; a POST that is not a form answers 415.
    if (req.method !== 'GET' && req.method !== 'POST') throw new MethodNotAllowed(['GET', 'POST']);
    const params = req.method === 'GET' ? readQuery(req) : readForm(req, 415);
    return runAuthorize(rt, req, params);
  };
}
