/**
 * What the built-in page endpoints receive: the shared runtime and the interaction API they are
 * built on (the same API a host's own pages use).
 */

import { randomId } from '../../crypto/handles.js';
import { isOAuthError } from '../../errors/oauth-error.js';
import type { SigilRequest } from '../../host/request.js';
import { html, htmlSecurityHeaders, type SigilResult } from '../../host/result.js';
import type { Endpoint } from '../../host/router.js';
import type { InteractionService } from '../../interaction/interaction-service.js';
import type { InteractionRuntime } from '../../interaction/runtime.js';
import { withCookies } from '../../response/authorize/response-modes.js';

/** Dependencies of the page endpoints. */
export interface UiDeps {
  readonly rt: InteractionRuntime;
  readonly interaction: InteractionService;
}

/**
 * An HTML page with every page's security headers and `cookies`. `redirectUri` is the client
 * redirect URI the page's form may end up at: browsers apply `form-action` to every redirect after
 * a form post (CSP 3), and posting the login or consent form ends, through our redirects, at the
 * client. Its origin (or custom scheme) is added to `form-action 'self'`, and nothing else.
 */
export function page(status: number, body: string, cookies: readonly string[] = [], redirectUri?: string): SigilResult {
  const source = redirectUri === undefined ? undefined : formActionSource(redirectUri);
  const result = html(status, body, source ? htmlSecurityHeaders(` ${source}`) : {});
  return withCookies(result, cookies);
}

/** The CSP source expression of a redirect URI: its origin, or its custom scheme. */
export function formActionSource(uri: string): string | undefined {
  if (!URL.canParse(uri)) return undefined;
  const url = new URL(uri);
  if (url.protocol === 'https:' || url.protocol === 'http:') return url.origin;
  return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) ? url.protocol : undefined;
}

/** The error page for a bad request to a page endpoint (never a redirect). */
export function badRequestPage(deps: UiDeps, req: SigilRequest, description: string): SigilResult {
  return page(
    400,
    deps.rt.renderer.error({ error: 'invalid_request', errorDescription: description, requestId: req.id }),
  );
}

/**
 * The page endpoints' error boundary: protocol errors (405, 413, 415) go on to the host's boundary;
 * anything unexpected becomes the error page with `server_error` (500), its details only in the log,
 * instead of a JSON body in the middle of a sign-in.
 */
export function pageEndpoint(deps: UiDeps, endpoint: Endpoint): Endpoint {
  return async (req, ctx) => {
    try {
      return await endpoint(req, ctx);
    } catch (e) {
      if (isOAuthError(e)) throw e;
      const reference = req.id ?? randomId(9);
      ctx.logger.error({ err: e, path: req.path, reference }, 'unhandled exception on a page');
      if (ctx.events.enabled('Error'))
        ctx.events.raise(
          {
            name: 'UnhandledException',
            id: 3000,
            type: 'Error',
            category: 'Error',
            details: String((e as Error)?.message ?? e),
          },
          req,
        );
      const body = deps.rt.renderer.error({ error: 'server_error', requestId: reference });
      return page(500, body);
    }
  };
}

/** The single value of a form field, or undefined when absent, empty, repeated or longer than `max`. */
export function field(form: URLSearchParams, name: string, max = 4096): string | undefined {
  const all = form.getAll(name);
  if (all.length !== 1) return undefined;
  const v = all[0]!;
  return v === '' || v.length > max ? undefined : v;
}

/** The form of a POST, or undefined when the body is not `application/x-www-form-urlencoded` UTF-8. */
export function readPageForm(req: SigilRequest): URLSearchParams | undefined {
  const type = req.headers['content-type'];
  if (typeof type !== 'string' || type.split(';')[0]!.trim().toLowerCase() !== 'application/x-www-form-urlencoded')
    return undefined;
  const text = req.body?.toString('utf8') ?? '';
  if (text.includes('\uFFFD')) return undefined;
  return new URLSearchParams(text);
}
