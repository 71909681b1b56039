/**
 * `/connect/authorize/callback`: where the login and consent pages send the user back. The
 * request is read from the sealed `authz` parameter, validated again, and resumed.
 */
import { InvalidRequest, MethodNotAllowed } from '../errors/oauth-error.js';
import { Params } from '../host/form.js';
import type { Endpoint } from '../host/router.js';
import { openPendingAuthorization } from '../interaction/pending-authorization.js';
import type { InteractionRuntime } from '../interaction/runtime.js';
import { authorizeErrorResult } from '../response/authorize/authorize-error.js';
import { runAuthorize } from './authorize-flow.js';

/** GET /connect/authorize/callback?authz=… */
export function authorizeCallbackEndpoint(rt: InteractionRuntime): Endpoint {
  return async (req, ctx) => {
    if (req.method !== 'GET') throw new MethodNotAllowed(['GET']);
    const query = new URLSearchParams(req.search);
    const sealed = query.getAll('authz');
    const opened =
      sealed.length === 1 ? await openPendingAuthorization(ctx, sealed[0]) : { status: 'invalid' as const };
    if (opened.status === 'invalid') {
      const e = new InvalidRequest('the sign-in request is invalid or incomplete; start again from the application');
      return authorizeErrorResult(rt, req, e, undefined);
    }
    const params = Params.from(opened.pending.parameters as Record<string, string | string[]>);
    return runAuthorize(rt, req, params, { pending: opened.pending, expired: opened.status === 'expired' });
  };
}
