/**
 * Runs the real `sigil` CLI as child processes (through tsx, from the sources): `sigil start` as a
 * long-running server whose logs and exit are kept, and one-shot commands (`migrate`, `keys
 * rotate`). Used by the multi-instance and persistence end-to-end tests.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../src/host/cli/main.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** How a process ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running `sigil start`. */
export interface SigilProcess {
  readonly name: string;
  /** `http://127.0.0.1:<port>`: the instance itself, not the issuer. */
  readonly url: string;
  readonly child: ChildProcess;
  /** Every stdout line so far (pino JSON lines and the start-up banner). */
  readonly stdout: string[];
  /** Everything written to stderr so far. */
  stderr(): string;
  /** The parsed JSON log lines at `level` or above (pino: 40 warn, 50 error). */
  logs(level?: number): Array<Record<string, unknown>>;
  readonly exited: Promise<Exit>;
  /** Send `signal` (default SIGTERM) and resolve with the exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

/** Where and with what a command runs. */
export interface RunOptions {
  /** Working directory; created if missing. Relative paths in the config resolve against it. */
  cwd: string;
  /** Added to the inherited environment. `SIGIL_LOG_LEVEL` defaults to `info`. */
  env?: Record<string, string | undefined>;
}

function environment(env: RunOptions['env']): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, SIGIL_LOG_LEVEL: 'info', ...env };
  delete merged.NODE_ENV;
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  return merged;
}

function lines(onLine: (line: string) => void): (chunk: Buffer) => void {
  let rest = '';
  return (chunk) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    rest = parts.pop() ?? '';
    for (const l of parts) onLine(l);
  };
}

/**
 * Start `sigil start --config <config> --port 0 --host 127.0.0.1` and resolve once it listens.
 * Rejects with its stderr when it exits first, or after `timeoutMs`.
 */
export async function startSigil(
  name: string,
  config: string,
  o: RunOptions & { timeoutMs?: number; port?: number },
): Promise<SigilProcess> {
  await mkdir(o.cwd, { recursive: true });
  const child = spawn(
    process.execPath,
    ['--import', TSX, CLI, 'start', '--config', config, '--port', String(o.port ?? 0), '--host', '127.0.0.1'],
    { cwd: o.cwd, env: environment(o.env), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stdout: string[] = [];
  let stderr = '';
  let listening: ((url: string) => void) | undefined;
  const url = new Promise<string>((resolve) => (listening = resolve));
  child.stdout!.on(
    'data',
    lines((l) => {
      stdout.push(l);
      const m = /^Sigil is listening on (http:\/\/\S+)/.exec(l);
      if (m) listening?.(m[1]!);
    }),
  );
  child.stderr!.on('data', (c: Buffer) => void (stderr += c.toString('utf8')));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let timer: NodeJS.Timeout | undefined;
  const started = await Promise.race([
    url,
    exited.then((e) => {
      throw new Error(
        `sigil ${name} exited (${e.code ?? e.signal}) before listening:\n${stderr}\n${stdout.join('\n')}`,
      );
    }),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`sigil ${name} did not listen within ${o.timeoutMs ?? 120_000} ms:\n${stderr}`));
      }, o.timeoutMs ?? 120_000);
    }),
  ]).finally(() => clearTimeout(timer));
  return {
    name,
    url: started,
    child,
    stdout,
    stderr: () => stderr,
    logs(level = 0) {
      return stdout.flatMap((l) => {
        if (!l.startsWith('{')) return [];
        let entry: Record<string, unknown>;
        try {
          entry = JSON.parse(l) as Record<string, unknown>;
        } catch {
          return [];
        }
        return typeof entry.level === 'number' && entry.level >= level ? [entry] : [];
      });
    },
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Run a one-shot `sigil` command; resolves with its exit code and output. */
export function runSigil(
  args: readonly string[],
  o: RunOptions,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return mkdir(o.cwd, { recursive: true }).then(
    () =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
          cwd: o.cwd,
          env: environment(o.env),
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => void (stdout += c.toString('utf8')));
        child.stderr.on('data', (c: Buffer) => void (stderr += c.toString('utf8')));
        child.once('error', reject);
        child.once('close', (code) => resolve({ code, stdout, stderr }));
      }),
  );
}
