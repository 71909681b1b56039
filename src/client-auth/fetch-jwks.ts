/**
 * Fetches a client's JWK Set from its `jwks_uri` (RFC 7591 §2) with hard limits: a timeout, a
 * body size cap and no redirects (Keycloak CVE-2026-4366 class: redirects turn a fetch into SSRF).
 */

/** A JWK Set as fetched; only `keys` is read. */
export interface JwkSet {
  readonly keys: readonly Record<string, unknown>[];
}

/** Limits of one fetch. */
export interface JwksFetchLimits {
  /** Whole-request deadline, headers and body. */
  readonly timeoutMs: number;
  /** Largest accepted body. */
  readonly maxBytes: number;
}

/** Defaults: 3 s and 64 KiB. */
export const DEFAULT_JWKS_FETCH_LIMITS: JwksFetchLimits = { timeoutMs: 3000, maxBytes: 64 * 1024 };

async function readLimited(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new Error(`jwks_uri body exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * GETs `uri` and returns its JWK Set. Throws a plain `Error` with a loggable message for any
 * failure (timeout, redirect, non-200, oversized or malformed body); the caller maps it to
 * `invalid_client`.
 */
export async function fetchJwks(uri: string, limits: JwksFetchLimits = DEFAULT_JWKS_FETCH_LIMITS): Promise<JwkSet> {
  const url = new URL(uri);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('jwks_uri is not http(s)');
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      redirect: 'manual',
      signal,
      headers: { accept: 'application/json, application/jwk-set+json' },
    });
  } catch (e) {
    throw new Error(`jwks_uri fetch failed: ${e instanceof Error ? e.name : 'error'}`, { cause: e });
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => {});
    throw new Error(
      `jwks_uri answered ${res.status}${res.status >= 300 && res.status < 400 ? ' (redirects are refused)' : ''}`,
    );
  }
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > limits.maxBytes) {
    await res.body?.cancel().catch(() => {});
    throw new Error(`jwks_uri body of ${declared} bytes exceeds ${limits.maxBytes}`);
  }
  let text: string;
  try {
    text = res.body ? (await readLimited(res.body, limits.maxBytes)).toString('utf8') : '';
  } catch (e) {
    if (signal.aborted) throw new Error('jwks_uri fetch timed out', { cause: e });
    throw e;
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new Error('jwks_uri body is not JSON');
  }
  const keys = (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) throw new Error('jwks_uri body has no "keys" array');
  return {
    keys: keys.filter((k): k is Record<string, unknown> => typeof k === 'object' && k !== null && !Array.isArray(k)),
  };
}
