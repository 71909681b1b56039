/**
 * Front-channel logout URLs (OpenID Connect Front-Channel Logout 1.0 §2 and §3): the clients that
 * received tokens in the session are loaded in hidden iframes of the "signed out" page, with `iss`
 * and `sid` when the client asked for them (`frontChannelLogoutSessionRequired`, the default).
 */
import type { ServerContext } from '../context.js';
import { withQuery } from '../interaction/runtime.js';
import type { UserSession } from '../sessions/types.js';

/** The iframe URLs for the clients of `session`. */
// OpenID Connect Front-Channel Logout 1.0 §2
export function frontChannelLogoutUrls(ctx: ServerContext, session: UserSession): string[] {
  const urls: string[] = [];
  for (const clientId of session.clientIds) {
    const client = ctx.clients.find(clientId);
    if (!client?.enabled || !client.frontChannelLogoutUri) continue;
    let url = client.frontChannelLogoutUri;
    if (client.frontChannelLogoutSessionRequired) {
      url = withQuery(url, 'iss', ctx.issuer);
      url = withQuery(url, 'sid', session.sessionId);
    }
    urls.push(url);
  }
  return urls;
}
