/**
 * Error details for the error page (Duende `ErrorMessage` with `errorId`). They are stored briefly
 * in `stores.cache` under a random id, so the page never shows text taken from its own query
 * string (the reflected-XSS class of Keycloak #16528).
 */
import type { ServerContext } from '../context.js';
import { handleKey, newHandle } from '../crypto/handles.js';

/** How long error details are kept, in seconds. */
export const ERROR_MESSAGE_LIFETIME = 600;

/** What the error page shows. */
export interface ErrorMessage {
  readonly error: string;
  readonly errorDescription?: string;
  /** The request id to quote to support. */
  readonly requestId?: string;
  /** The client the failed request came from, when it was known. */
  readonly clientId?: string;
  /** `ui_locales` of the failed request. */
  readonly uiLocales?: string;
}

/** Store `message` and return its id. */
export async function storeErrorMessage(ctx: ServerContext, message: ErrorMessage): Promise<string> {
  const id = newHandle();
  await ctx.stores.cache.set(cacheKey(id), JSON.stringify(message), ERROR_MESSAGE_LIFETIME);
  return id;
}

/** The message stored under `errorId`, or undefined when unknown or expired. */
export async function readErrorMessage(
  ctx: ServerContext,
  errorId: string | undefined,
): Promise<ErrorMessage | undefined> {
  if (!errorId || !/^[A-Za-z0-9_-]{43}$/.test(errorId)) return undefined;
  const json = await ctx.stores.cache.get(cacheKey(errorId));
  if (json === undefined) return undefined;
  try {
    const m = JSON.parse(json) as ErrorMessage;
    return typeof m.error === 'string' ? m : undefined;
  } catch {
    return undefined;
  }
}

function cacheKey(id: string): string {
  return `sigil:error:${handleKey('error', id)}`;
}
