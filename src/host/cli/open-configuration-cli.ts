/**
 * Shared by `sigil clients`, `sigil resources` and `sigil import`: open the configured store's
 * clients and resources without starting a server (no keys, no data protection, no jobs), and
 * read item files.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pino } from 'pino';
import { ConfigurationError } from '../../config/configuration-error.js';
import { validateOptions } from '../../config/validate-options.js';
import type { ConfigurationAdmin } from '../../configuration/admin-types.js';
import { openConfiguration } from '../../configuration/open-configuration.js';
import { BUILT_IN_GRANTS } from '../../server/built-in-grants.js';
import { openStores } from '../../server/open-stores.js';
import type { LoadedConfig } from './load-config.js';

/**
 * Run `fn` with the admin API over the configured store, then close the store. Throws a
 * {@link ConfigurationError} when the configuration store is off or the store is in memory.
 *
 * @example
 * ```ts
 * await withConfigurationAdmin(config, (admin) => admin.listClients());
 * ```
 */
export async function withConfigurationAdmin<T>(
  config: LoadedConfig,
  fn: (admin: ConfigurationAdmin, refreshInterval: number) => Promise<T>,
): Promise<T> {
  const extraGrantTypes = new Set(BUILT_IN_GRANTS.map((g) => g.grantType));
  const resolved = validateOptions(config.options, { env: process.env, extraGrantTypes });
  const where = config.file ?? 'the demo configuration';
  if (!resolved.configurationStore.enabled)
    throw new ConfigurationError(
      `configurationStore.enabled is not true in ${where}, so the server would ignore clients and resources in the database`,
    );
  if (resolved.store.type === 'memory')
    throw new ConfigurationError(`the store in ${where} is "memory"; there is no database to change`);
  // The commands print what they do; the JSON log would only repeat it.
  const logger = pino({ level: 'silent' });
  const stores = await openStores(resolved, logger);
  try {
    const { admin } = await openConfiguration({ input: config.options, resolved, stores, extraGrantTypes, logger });
    return await fn(admin, resolved.configurationStore.refreshInterval);
  } finally {
    await stores.close();
  }
}

/**
 * Parse a JSON file given on the command line, relative to the working directory.
 *
 * @example
 * ```ts
 * const items = readJsonFile('client.json', process.cwd());
 * ```
 */
export function readJsonFile(file: string, cwd: string): unknown {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigurationError(`cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ConfigurationError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * The line that tells how soon running servers see a change.
 *
 * @example
 * ```ts
 * out(pickUpNote(30));
 * ```
 */
export function pickUpNote(refreshInterval: number): string {
  return `Running servers pick this up within ${refreshInterval} s (configurationStore.refreshInterval).`;
}
