/**
 * Finds and reads the standalone server's configuration. Precedence, highest first: command-line
 * flags (`--config`, `--port`), environment (`SIGIL_CONFIG`, `PORT`, `SIGIL_ISSUER`,
 * `SIGIL_DATA_DIR`), the config file, then defaults (`./sigil.config.json` if present, otherwise
 * the demo configuration; port 5000; issuer `http://localhost:<port>`; data in `./data`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigurationError } from '../../config/configuration-error.js';
import type { IdentityServerOptions } from '../../config/types.js';
import { demoConfig } from './demo-config.js';

/** The default port of the standalone server (IdentityServer's templates use 5001/5000). */
export const DEFAULT_PORT = 5000;

/** What `sigil` runs with. */
export interface LoadedConfig {
  readonly options: IdentityServerOptions;
  readonly port: number;
  /** The config file read, or undefined for the demo configuration. */
  readonly file?: string;
  readonly demo: boolean;
}

/** Flags that override the file and the environment. */
export interface ConfigFlags {
  config?: string;
  port?: string;
}

function parsePort(value: string, where: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigurationError(`${where}: "${value}" is not a port number`);
  return n;
}

function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigurationError(`cannot read the config file ${file}: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ConfigurationError(`the config file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigurationError(`the config file ${file} must contain a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** Resolve the configuration for the CLI. */
export function loadConfig(
  flags: ConfigFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): LoadedConfig {
  const port =
    flags.port !== undefined ? parsePort(flags.port, '--port') : env.PORT ? parsePort(env.PORT, 'PORT') : DEFAULT_PORT;
  const named = flags.config ?? env.SIGIL_CONFIG;
  const file =
    named !== undefined
      ? resolve(cwd, named)
      : existsSync(resolve(cwd, 'sigil.config.json'))
        ? resolve(cwd, 'sigil.config.json')
        : undefined;
  const raw = file ? readJson(file) : undefined;
  const { $schema: _schema, port: filePort, ...fileOptions } = raw ?? {};
  const effectivePort = flags.port === undefined && !env.PORT && typeof filePort === 'number' ? filePort : port;
  const issuer =
    env.SIGIL_ISSUER ??
    (typeof fileOptions.issuer === 'string' ? fileOptions.issuer : `http://localhost:${effectivePort}`);
  const base = file ? (fileOptions as unknown as IdentityServerOptions) : demoConfig(issuer);
  const dataDir = env.SIGIL_DATA_DIR ?? base.dataDir ?? './data';
  return {
    options: { ...base, issuer, dataDir: resolve(cwd, dataDir) },
    port: effectivePort,
    file,
    demo: file === undefined,
  };
}
