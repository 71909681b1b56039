/**
 * Typed errors of the JOSE helpers. Each carries a stable `code` from a literal union so that a
 * `switch` narrows it; callers map them to the OAuth error of their endpoint.
 */

/** Why a compact JWT could not be decoded or verified. */
export type JwtErrorCode = 'malformed' | 'too-large' | 'unsupported-alg';

/** A JWT that cannot be decoded: wrong shape, invalid base64url or JSON, or too large. */
export class JwtError extends Error {
  /** Stable machine-readable reason. */
  readonly code: JwtErrorCode;
  constructor(code: JwtErrorCode, message: string) {
    super(message);
    this.name = 'JwtError';
    this.code = code;
  }
}

/** Why a JWK or key file was rejected. */
export type JwkErrorCode = 'invalid-key' | 'private-key-material' | 'unsupported-key' | 'alg-mismatch';

/** A JWK or key that cannot be used: malformed, private where public was expected, or unsupported. */
export class JwkError extends Error {
  /** Stable machine-readable reason. */
  readonly code: JwkErrorCode;
  constructor(code: JwkErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JwkError';
    this.code = code;
  }
}
