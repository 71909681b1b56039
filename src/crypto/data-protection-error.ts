/**
 * The error of data protection. Its message always names the key id (when known), the
 * application name and the likely fix, because the usual cause is a misconfigured instance.
 */

/** Why data could not be unprotected, or the key ring could not be used. */
export type DataProtectionErrorCode =
  /** The text is not `v1.<keyId>.<payload>`. */
  | 'malformed'
  /** No key with this id exists for this application name. */
  | 'key-not-found'
  /** The key exists but cannot be unwrapped with this master key. */
  | 'key-unreadable'
  /** The key is known but authentication failed: tampered, or another purpose or application. */
  | 'decrypt-failed'
  /** The master key is missing or not 32 bytes of base64. */
  | 'invalid-master-key';

const FIX =
  'Every instance must use the same master key (dataProtection.masterKey, SIGIL_DATA_PROTECTION_KEY or the ' +
  'dataProtection.keyFile) and the same dataProtection.applicationName (by default derived from the issuer, so the ' +
  'same issuer), and share the same key store.';

/** Thrown by `unprotect` and by the key ring. */
export class DataProtectionError extends Error {
  /** Stable machine-readable reason. */
  readonly code: DataProtectionErrorCode;
  /** The key id the protected text names, when it could be read. */
  readonly keyId?: string;
  /** The application name of the provider that failed. */
  readonly applicationName?: string;

  /**
   * True when `unprotect` failed: this value cannot be read here and should be discarded. For a
   * session or sign-in cookie that means "please sign in again"; the instance's configuration
   * problem is in the message and the log, never shown to the user. False for errors of the key
   * ring or the master key, which are the server's to fix.
   */
  readonly unreadableData: boolean;

  constructor(
    code: DataProtectionErrorCode,
    message: string,
    details: { keyId?: string; applicationName?: string; cause?: unknown; unreadableData?: boolean } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'DataProtectionError';
    this.code = code;
    this.keyId = details.keyId;
    this.applicationName = details.applicationName;
    this.unreadableData = details.unreadableData === true;
  }

  /** An `unprotect` failure ({@link DataProtectionError.unreadableData}) whose message ends with the configuration fix. */
  static withFix(
    code: DataProtectionErrorCode,
    what: string,
    details: { keyId?: string; applicationName: string; cause?: unknown },
  ): DataProtectionError {
    return new DataProtectionError(code, `${what} ${FIX}`, { ...details, unreadableData: true });
  }
}

/**
 * True when `e` is a {@link DataProtectionError} saying protected data cannot be read here (see
 * {@link DataProtectionError.unreadableData}): discard the value; for a cookie, ask the user to
 * sign in again.
 *
 * @example
 * ```ts
 * try { session = JSON.parse(protector.unprotect(cookie)); }
 * catch (e) { if (isUnreadableProtectedData(e)) return redirectToLogin(); throw e; }
 * ```
 */
export function isUnreadableProtectedData(e: unknown): e is DataProtectionError {
  return e instanceof DataProtectionError && e.unreadableData;
}
