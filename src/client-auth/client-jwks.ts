/**
 * A client's verification keys: inline `jwks`, or `jwks_uri` fetched and cached. The cache
 * lives for 5 minutes; an unknown `kid` triggers a refetch (key rotation), at most once per
 * 30 s per client so that forged `kid`s cannot turn Sigil into a request amplifier. While the
 * `jwks_uri` fails, the last set stays usable for at most 10 minutes after it was fetched.
 */
import type { Client } from '../config/model.js';
import type { ServerContext } from '../context.js';
import { DEFAULT_JWKS_FETCH_LIMITS, fetchJwks, type JwkSet } from './fetch-jwks.js';

/** Seconds a fetched JWK Set is used before it is fetched again. */
export const JWKS_CACHE_TTL = 300;
/** Seconds between two fetches for the same client, whatever the reason. */
export const JWKS_MIN_REFETCH_INTERVAL = 30;
/** Seconds a fetched set may still be used while its `jwks_uri` fails; older keys are never trusted. */
export const JWKS_MAX_STALE = 600;

interface Entry {
  keys?: JwkSet['keys'];
  fetchedAt: number;
  attemptedAt: number;
  inflight?: Promise<void>;
  lastError?: string;
}

// Keyed by the resolved options so that every server instance has its own cache.
const caches = new WeakMap<object, Map<string, Entry>>();

function cacheOf(ctx: ServerContext): Map<string, Entry> {
  let c = caches.get(ctx.options);
  if (!c) caches.set(ctx.options, (c = new Map()));
  return c;
}

function hasKid(keys: JwkSet['keys'] | undefined, kid: string | undefined): boolean {
  return kid === undefined || (keys ?? []).some((k) => k.kid === kid);
}

async function refresh(ctx: ServerContext, entry: Entry, uri: string): Promise<void> {
  if (entry.inflight) return entry.inflight;
  entry.attemptedAt = ctx.now();
  entry.inflight = fetchJwks(uri, DEFAULT_JWKS_FETCH_LIMITS)
    .then((set) => {
      entry.keys = set.keys;
      entry.fetchedAt = ctx.now();
      entry.lastError = undefined;
    })
    .catch((e: unknown) => {
      entry.lastError = e instanceof Error ? e.message : 'jwks_uri fetch failed';
    })
    .finally(() => {
      entry.inflight = undefined;
    });
  return entry.inflight;
}

/**
 * The JWKs a client's assertions may be verified with. When `kid` is given and not among the
 * cached keys, the set is refetched if the last fetch is older than 30 s. Throws an `Error`
 * naming the fetch failure when no keys are available at all.
 */
export async function clientJwks(ctx: ServerContext, client: Client, kid: string | undefined): Promise<JwkSet['keys']> {
  if (client.jwks) return client.jwks.keys;
  const uri = client.jwksUri;
  if (!uri) return [];
  const cache = cacheOf(ctx);
  const cacheKey = `${client.clientId}\n${uri}`;
  let entry = cache.get(cacheKey);
  if (!entry)
    cache.set(cacheKey, (entry = { fetchedAt: Number.NEGATIVE_INFINITY, attemptedAt: Number.NEGATIVE_INFINITY }));
  const now = ctx.now();
  const stale = entry.keys === undefined || now - entry.fetchedAt >= JWKS_CACHE_TTL;
  const needed = stale || !hasKid(entry.keys, kid);
  if (needed && (entry.inflight || now - entry.attemptedAt >= JWKS_MIN_REFETCH_INTERVAL)) {
    await refresh(ctx, entry, uri);
  }
  if (entry.keys === undefined || ctx.now() - entry.fetchedAt >= JWKS_MAX_STALE) {
    throw new Error(entry.lastError ?? 'jwks_uri keys are not available');
  }
  return entry.keys;
}
