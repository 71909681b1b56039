/**
 * Writes an authorization response to the client in its response mode: `query`, `fragment` or
 * `form_post`. Every response carries `iss` (RFC 9207) and `state`; error redirects in the query
 * get `#_` so a fragment of the attacker's cannot survive the redirect (RFC 9700 §4.1.3, Duende 7.2).
 */
import { redirect, type SigilResult } from '../../host/result.js';
import type { InteractionRuntime } from '../../interaction/runtime.js';
import { formPostSecurityHeaders } from '../../ui/csp.js';
import type { ResponseMode } from '../../validation/authorize/types.js';

/** Where and how a response goes: only ever built from a validated client and redirect URI. */
export interface AuthorizeResponseTarget {
  readonly clientId: string;
  readonly clientName?: string;
  readonly redirectUri: string;
  readonly responseMode: ResponseMode;
  readonly state?: string;
  readonly uiLocales?: string;
}

function encode(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

/**
 * The response to the client: `params` plus `state` and `iss`. A 303 for query and fragment,
 * the auto-submitting page for form_post.
 */
export function authorizeResponse(
  rt: InteractionRuntime,
  target: AuthorizeResponseTarget,
  params: Record<string, string>,
  isError: boolean,
): SigilResult {
  const all: Record<string, string> = { ...params };
  if (target.state !== undefined) all.state = target.state;
  // RFC 9207 §2: on success and on error.
  all.iss = rt.ctx.issuer;
  const uri = target.redirectUri;
  switch (target.responseMode) {
    case 'query': {
      const location = `${uri}${uri.includes('?') ? '&' : '?'}${encode(all)}`;
      return redirect(isError ? `${location}#_` : location);
    }
    case 'fragment':
      return redirect(`${uri}#${encode(all)}`);
    case 'form_post': {
      const body = rt.renderer.formPost({
        action: uri,
        fields: all,
        clientName: target.clientName,
        uiLocales: target.uiLocales,
      });
      return {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', ...formPostSecurityHeaders(rt.urls.formPostScript) },
        body,
      };
    }
  }
}

/** `result` with `Set-Cookie` values added. */
export function withCookies(result: SigilResult, cookies: readonly string[]): SigilResult {
  if (cookies.length === 0) return result;
  const existing = result.headers['set-cookie'];
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  return { ...result, headers: { ...result.headers, 'set-cookie': [...list, ...cookies] } };
}
