/**
 * Test support: a real pino logger whose JSON lines are kept in memory, so tests can assert on
 * what the server logged (level, message, fields).
 */
import { Writable } from 'node:stream';
import { type Logger, pino } from 'pino';

/** One parsed log line: pino's fields (`level` is numeric: 30 info, 40 warn, 50 error). */
export type LogEntry = Record<string, unknown> & { level: number; msg?: string };

/** A logger at `debug` level and the entries it wrote. */
export function recordingPino(level = 'debug'): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) entries.push(JSON.parse(line) as LogEntry);
      done();
    },
  });
  return { logger: pino({ level }, sink), entries };
}
