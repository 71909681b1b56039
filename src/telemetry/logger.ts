/**
 * Structured JSON logs through pino. Known secret-bearing fields are redacted wherever they
 * appear, as a second line of defence: code never logs tokens, secrets or assertions itself.
 */
import { type Logger, pino } from 'pino';

/** Field names that are always censored. */
export const REDACTED_FIELDS = [
  'client_secret',
  'client_assertion',
  'password',
  'code',
  'code_verifier',
  'refresh_token',
  'access_token',
  'id_token',
  'id_token_hint',
  'token',
  'authorization',
  'cookie',
  'set-cookie',
  'dpop',
  'logout_token',
  'device_code',
];

/** Create the server logger. `level` defaults to env `SIGIL_LOG_LEVEL`, then `info`. */
export function createLogger(level?: string, destination?: pino.DestinationStream): Logger {
  const paths = REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `headers["${f}"]`]).filter(
    // `err.code` is an error code (ENOENT, 40P01), never an authorization code: keep it readable.
    (p) => p !== '*.code',
  );
  for (const container of ['params', 'body', 'query', 'form']) paths.push(`${container}.code`, `*.${container}.code`);
  return pino(
    {
      level: process.env.SIGIL_LOG_LEVEL ?? level ?? 'info',
      base: { service: 'sigil' },
      redact: { paths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
