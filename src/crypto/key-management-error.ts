/**
 * The error of automatic signing-key management. Its message names the keys involved and the
 * likely fix, because the usual cause is a misconfigured instance.
 */

/** Why the key manager could not start or rotate. */
export type KeyManagementErrorCode =
  /** No key can sign: none readable in the store, none could be created, and no static key. */
  | 'no-signing-key'
  /** The `signing-keys` lock was not acquired in time (another instance holds it). */
  | 'lock-timeout'
  /** Rotation was asked for while automatic key management is disabled. */
  | 'disabled'
  /** The store refused a new key (a key with the same kid exists). */
  | 'store-conflict';

/**
 * Thrown by `createKeyManager` when no key can sign, and by `rotate()`.
 *
 * @example
 * ```ts
 * try {
 *   await keys.rotate();
 * } catch (e) {
 *   if (e instanceof KeyManagementError && e.code === 'lock-timeout') console.error('try again');
 *   else throw e;
 * }
 * ```
 */
export class KeyManagementError extends Error {
  /** Stable machine-readable reason. */
  readonly code: KeyManagementErrorCode;

  constructor(code: KeyManagementErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeyManagementError';
    this.code = code;
  }
}
