import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/** How a lock backend takes and gives back one named lock for one owner token. */
export interface LockBackend {
  /** Try once to take `name` for `owner` until `ttlSeconds` from now; true when taken. */
  tryAcquire(name: string, owner: string, ttlSeconds: number): Promise<boolean>;
  /** Give `name` back if `owner` still holds it. */
  release(name: string, owner: string): Promise<void>;
}

/** Pause between two acquisition attempts while waiting, in milliseconds. */
const POLL_MS = 25;

/**
 * Runs `fn` while holding `name`, polling `backend` until `waitMs` has passed. Shared by the
 * memory, SQL and Redis lock providers so they agree on semantics: `undefined` without running
 * `fn` when the lock was not taken in time, release in `finally`, and a lock whose holder died is
 * taken over once its `ttlSeconds` expire.
 *
 * @example
 * ```ts
 * const rotated = await withPolledLock(backend, 'key-rotation', 60, () => rotateKeys(), 5000);
 * ```
 */
export async function withPolledLock<T>(
  backend: LockBackend,
  name: string,
  ttlSeconds: number,
  fn: () => Promise<T>,
  waitMs = 0,
): Promise<T | undefined> {
  const owner = randomBytes(16).toString('base64url');
  const deadline = Date.now() + waitMs;
  while (!(await backend.tryAcquire(name, owner, ttlSeconds))) {
    if (Date.now() >= deadline) return undefined;
    await sleep(Math.min(POLL_MS, Math.max(1, deadline - Date.now())));
  }
  try {
    return await fn();
  } finally {
    await backend.release(name, owner).catch(() => undefined);
  }
}

/** Throws when a filter has no field set, so a removal can never match everything by mistake. */
export function assertFilter(filter: object, what: string): void {
  if (!Object.values(filter).some((v) => v !== undefined)) {
    throw new Error(`${what} filter must set at least one field`);
  }
}
