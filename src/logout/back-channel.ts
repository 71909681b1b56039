/**
 * Back-channel logout delivery (OpenID Connect Back-Channel Logout 1.0 §2.5): a logout token is
 * POSTed to each client with a `backChannelLogoutUri` that received tokens in an ended session.
 * Delivery runs in the background so the user's sign-out never waits for a slow client. Each
 * attempt has a deadline; network errors, 5xx and 429 are retried with a growing pause; redirects
 * are never followed (§2.5: the RP answers 200 or 204, and a redirect would turn the request into
 * SSRF); `close()` cancels what is still pending and says so in the log.
 */
import type { ServerContext } from '../context.js';
import type { UserSession } from '../sessions/types.js';
import { createLogoutToken } from './logout-token.js';

/** Sends logout notifications and tracks them until they end. */
export interface BackChannelNotifier {
  /** Queue notifications for every client of `sessions`; resolves when all of them ended. */
  notify(sessions: readonly UserSession[]): Promise<void>;
  /** Cancel pending deliveries (server shutdown). */
  stop(): Promise<void>;
}

/** One delivery, for tests and logs. */
export interface BackChannelDelivery {
  readonly clientId: string;
  readonly uri: string;
  readonly ok: boolean;
  readonly attempts: number;
  /** The last HTTP status or error message. */
  readonly outcome: string;
}

const RETRY_BASE_MS = 500;

/** Create the notifier of a server. */
export function createBackChannelNotifier(ctx: ServerContext): BackChannelNotifier {
  const { backChannelLogoutTimeout, backChannelLogoutAttempts } = ctx.options.authentication;
  const controller = new AbortController();
  const pending = new Set<Promise<unknown>>();

  async function deliver(clientId: string, uri: string, token: string): Promise<BackChannelDelivery> {
    let outcome = 'not sent';
    for (let attempt = 1; attempt <= backChannelLogoutAttempts; attempt++) {
      if (controller.signal.aborted) return { clientId, uri, ok: false, attempts: attempt - 1, outcome: 'cancelled' };
      let retry = true;
      try {
        const res = await fetch(uri, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ logout_token: token }).toString(),
          redirect: 'manual',
          signal: AbortSignal.any([controller.signal, AbortSignal.timeout(backChannelLogoutTimeout * 1000)]),
        });
        await res.body?.cancel().catch(() => undefined);
        if (res.status >= 200 && res.status < 300)
          return { clientId, uri, ok: true, attempts: attempt, outcome: `${res.status}` };
        outcome = `HTTP ${res.status}`;
        retry = res.status >= 500 || res.status === 429;
      } catch (err) {
        outcome = (err as Error).name === 'TimeoutError' ? 'timed out' : String((err as Error).message ?? err);
      }
      if (!retry || attempt === backChannelLogoutAttempts)
        return { clientId, uri, ok: false, attempts: attempt, outcome };
      await pause(RETRY_BASE_MS * 2 ** (attempt - 1), controller.signal);
    }
    return { clientId, uri, ok: false, attempts: backChannelLogoutAttempts, outcome };
  }

  async function notifyOne(session: UserSession, clientId: string): Promise<void> {
    const client = ctx.clients.find(clientId);
    if (!client?.enabled || !client.backChannelLogoutUri) return;
    let token: string;
    try {
      token = createLogoutToken(ctx, client, session);
    } catch (err) {
      ctx.logger.error({ err, clientId }, 'back-channel logout: the logout token could not be signed');
      return;
    }
    const d = await deliver(clientId, client.backChannelLogoutUri, token);
    const fields = { clientId, uri: d.uri, attempts: d.attempts, outcome: d.outcome, sid: session.sessionId };
    if (d.ok) ctx.logger.debug(fields, 'back-channel logout delivered');
    else ctx.logger.warn(fields, 'back-channel logout was not delivered');
  }

  return {
    notify(sessions) {
      const work = Promise.all(sessions.flatMap((s) => s.clientIds.map((c) => notifyOne(s, c)))).then(() => undefined);
      pending.add(work);
      void work.finally(() => pending.delete(work));
      return work;
    },
    async stop() {
      if (pending.size > 0)
        ctx.logger.warn({ pending: pending.size }, 'back-channel logout: cancelling pending notifications on shutdown');
      controller.abort();
      await Promise.allSettled([...pending]);
    },
  };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
