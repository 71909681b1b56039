/**
 * Content-Security-Policy additions some pages need.
 */
import { frontChannelUrls } from './pages/logout.js';

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
