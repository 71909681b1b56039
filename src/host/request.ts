/**
 * The small, plain request value every endpoint takes. Host adapters (node:http, fetch, Express,
 * Fastify, Koa, Hono) build it; nothing in the protocol core sees a framework object.
 */
export interface SigilRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** The path relative to where Sigil is mounted, e.g. `/connect/token`. */
  readonly path: string;
  /** The raw query string without `?` (may be empty). */
  readonly search: string;
  /** Request headers with lower-case names, in node:http's shape. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The raw body, already read within the size limit, or undefined for GET/HEAD. */
  readonly body?: Buffer;
  /** The peer address, for logs and events. */
  readonly remoteAddress?: string;
  /** The base URL the request arrived on (scheme://host[:port][/mount]); used only for logs, never for `iss`. */
  readonly baseUrl?: string;
  /** The request id for logs, events (`activityId`) and the error page's reference. */
  readonly id?: string;
}

// A random prefix per process and a counter: unique across instances, and a few nanoseconds per request.
const ID_PREFIX = Math.floor(Math.random() * 36 ** 6)
  .toString(36)
  .padStart(6, '0');
let idCounter = 0;

/** A new request id, e.g. `k3x9q2-1a`: unique per process run; not a secret and not meant to be unguessable. */
export function nextRequestId(): string {
  idCounter = (idCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${ID_PREFIX}-${idCounter.toString(36)}`;
}

/** One header value; the first of a repeated header. */
export function header(req: SigilRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** True when the header occurs more than once (node:http joins most duplicates, so also check commas where relevant). */
export function headerCount(req: SigilRequest, name: string): number {
  const v = req.headers[name];
  if (v === undefined) return 0;
  return Array.isArray(v) ? v.length : 1;
}
