/**
 * Configuration-time check of a client's `allowedCorsOrigins` (Fetch standard §3.2 `Origin`;
 * Duende `DefaultClientConfigurationValidator`): an entry is compared with the browser's
 * `Origin` header as a string, so anything a browser never sends there can never match.
 */

/** Why `origin` can never equal an `Origin` header, or undefined when it can. */
export function corsOriginProblem(origin: string): string | undefined {
  let serialized: string;
  try {
    serialized = new URL(origin).origin;
  } catch {
    serialized = 'null';
  }
  // URL#origin is exactly what browsers send: lower-case host, no default port, no path.
  if (serialized === 'null' || serialized !== origin) {
    return 'must be an origin: scheme, lower-case host and optional non-default port, without path or trailing "/"';
  }
  return undefined;
}
