import { createHash } from 'node:crypto';

/**
 * Builds the Redis key for `parts` in `space` (`replay`, `cache`, `lock`) under `prefix`. The
 * parts are hashed (SHA-256 over their JSON array, which keeps `["a:b","c"]` and `["a","b:c"]`
 * apart), so any string is safe and every key has the same bounded length.
 *
 * @example
 * ```ts
 * redisKey('sigil:', 'replay', ['dpop', jti]); // 'sigil:replay:<43 base64url chars>'
 * ```
 */
export function redisKey(prefix: string, space: string, parts: readonly string[]): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
  return `${prefix}${space}:${digest}`;
}
