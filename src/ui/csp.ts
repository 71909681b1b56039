/**
 * Content-Security-Policy additions some pages need.
 */
import { frontChannelUrls } from './pages/logout.js';

/**
 * The security headers of the form_post page: like every page, but the only script allowed is the
 * form_post script at `scriptUrl` (an absolute URL on the issuer's origin), and `form-action` is left
 * open because the form posts to the client's redirect URI. No `unsafe-inline`.
 *
 * @example
 * ```ts
 * return html(200, renderer.formPost(model), formPostSecurityHeaders(`${issuer}/ui/form-post.js`));
 * ```
 */
export function formPostSecurityHeaders(scriptUrl: string): Record<string, string> {
  const src = /^https?:\/\/[^\s;,'"]+$/.test(scriptUrl) ? scriptUrl : "'none'";
  return {
    'content-security-policy': `default-src 'none'; script-src ${src}; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
}

/**
 * The CSP fragment that lets the "signed out" page frame the front-channel logout URLs, for
 * `htmlSecurityHeaders(extraCsp)`: `"; frame-src https://a.example https://b.example:8443"`, or `""`
 * when there is nothing to frame. Only origins of absolute http(s) URLs are listed, so the value
 * cannot carry a `;` or a quote into the header.
 *
 * @example
 * ```ts
 * const extra = frameSrcCsp(model.frontChannelLogoutUrls);
 * return html(200, renderer.loggedOut(model), htmlSecurityHeaders(extra));
 * ```
 */
export function frameSrcCsp(urls: readonly string[] | undefined): string {
  const origins = new Set(frontChannelUrls(urls).map((url) => new URL(url).origin));
  return origins.size === 0 ? '' : `; frame-src ${[...origins].join(' ')}`;
}
