import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/** The logger the Redis services report outages to. A pino logger fits. */
export interface RedisLogger {
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}

/** How long, by default, a connection attempt or one command may take before it fails, in milliseconds. */
export const DEFAULT_REDIS_TIMEOUT_MS = 2000;

/**
 * Opens an ioredis client tuned to fail fast, so a request never waits on a Redis that is down:
 *
 * - no offline queue: a command sent while disconnected rejects at once;
 * - in-flight commands reject as soon as the connection drops (`maxRetriesPerRequest: 0`) and are
 *   never resent after a reconnect, so a `SET NX` is never applied twice behind the caller's back;
 * - `connectTimeout` and `commandTimeout` bound a black-holed host, and `socketTimeout` drops a
 *   connection that stopped answering (a silent network partition) so the next commands fail at
 *   once instead of each waiting out its own timeout.
 *
 * The client keeps reconnecting in the background. Connection errors are handled (they never crash
 * the process) and logged once per outage, with one more line when the connection is back.
 * Resolves once the first connection attempt has succeeded or failed, or after twice `timeoutMs`:
 * a Redis that is down at start-up does not stop the server, it only makes the services take
 * their Redis-down path until the background reconnection succeeds.
 *
 * @example
 * ```ts
 * const client = await openRedisClient('redis://127.0.0.1:6379', 2000, logger);
 * ```
 */
export async function openRedisClient(url: string, timeoutMs: number, logger?: RedisLogger): Promise<Redis> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  const where = redactUrl(url);
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger?.warn(
      { redis: where, err: err.message },
      'redis connection failed; using the redis-down policy until it is back',
    );
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    logger?.info({ redis: where }, 'redis connection restored');
  });
  // A failed first attempt has already been reported through the 'error' event. A host that
  // accepts the connection but never answers is given two timeouts (connect, ready check).
  await Promise.race([client.connect().catch(() => undefined), sleep(2 * timeoutMs, undefined, { ref: false })]);
  return client;
}

/** Closes `client` politely when connected, at once otherwise; never throws and stops reconnecting. */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === 'ready') {
    const quit = await client.quit().catch(() => undefined);
    if (quit === 'OK') return;
  }
  client.disconnect();
}

/** The URL without its password, for logs. */
function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable url)';
  }
}
