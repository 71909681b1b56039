/**
 * The logger data protection and key management write to. A pino logger fits; key material
 * and protected payloads are never passed to it.
 */

/** Minimal structured logger: an object of fields and a message. */
export interface CryptoLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
}
