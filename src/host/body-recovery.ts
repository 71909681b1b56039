/**
 * When a framework's body parser has already read a request's stream, the node listener cannot read
 * it again. A host adapter registers here how to recover the bytes from what the parser left (its
 * raw string, buffer or parsed object); the listener asks only when the path is Sigil's, so another
 * application's requests never pay for it, nor fail on it.
 */
import type { IncomingMessage } from 'node:http';

/** Returns the body bytes, or throws an `OAuthError` when they cannot be recovered exactly. */
export type BodyRecovery = () => Buffer;

const recoveries = new WeakMap<IncomingMessage, BodyRecovery>();

/** Register how to recover the body of `req`, whose stream another middleware has read. */
export function recoverBodyWith(req: IncomingMessage, recovery: BodyRecovery): void {
  recoveries.set(req, recovery);
}

/** The recovery registered for `req`, if any. */
export function bodyRecoveryOf(req: IncomingMessage): BodyRecovery | undefined {
  return recoveries.get(req);
}
