/**
 * `sigil resources list | add --file FILE | remove KIND NAME` and `sigil import FILE`: identity
 * resources, API scopes and API resources in the configured database (and, for `import`,
 * clients too). Files use the keys of `sigil.config.json`: `identityResources`, `apiScopes`,
 * `apiResources`, `clients`.
 */
import { ConfigurationError } from '../../config/configuration-error.js';
import type { ConfigurationAdmin, ConfigurationEntry, ConfigurationImport } from '../../configuration/admin-types.js';
import type { ConfigurationKind } from '../../stores/types.js';
import type { LoadedConfig } from './load-config.js';
import { pickUpNote, readJsonFile, withConfigurationAdmin } from './open-configuration-cli.js';
import { err, out } from './output.js';

const USAGE =
  'usage: sigil resources list | sigil resources add --file FILE | sigil resources remove (identity-resource|api-scope|api-resource) NAME';
const KIND_WORDS: Record<string, Exclude<ConfigurationKind, 'client'>> = {
  'identity-resource': 'identityResource',
  'api-scope': 'apiScope',
  'api-resource': 'apiResource',
};
const WORD_OF: Record<ConfigurationKind, string> = {
  identityResource: 'identity resource',
  apiScope: 'API scope',
  apiResource: 'API resource',
  client: 'client',
};
const LISTS = ['identityResources', 'apiScopes', 'apiResources', 'clients'];

/**
 * Run `resources <sub>`.
 *
 * @example
 * ```ts
 * process.exitCode = await resourcesCommand(config, ['remove', 'api-scope', 'orders.read'], undefined);
 * ```
 */
export async function resourcesCommand(config: LoadedConfig, args: readonly string[], file?: string): Promise<number> {
  const [sub, word, name] = args;
  if (sub === 'list' && args.length === 1) return withConfigurationAdmin(config, list);
  if (sub === 'add' && args.length === 1 && file) {
    const items = readItems(file);
    if (items.clients) throw new ConfigurationError(`${file}: has "clients"; use sigil import to add clients too`);
    return save(config, items);
  }
  const kind = word === undefined ? undefined : KIND_WORDS[word];
  if (sub === 'remove' && args.length === 3 && kind && name) {
    return withConfigurationAdmin(config, async (admin, interval) => {
      const remove = {
        identityResource: admin.removeIdentityResource,
        apiScope: admin.removeApiScope,
        apiResource: admin.removeApiResource,
      }[kind];
      if (!(await remove(name)).removed) {
        err(`There is no ${WORD_OF[kind]} "${name}" in the database.`);
        return 1;
      }
      out(`Removed ${WORD_OF[kind]} "${name}".`, pickUpNote(interval));
      return 0;
    });
  }
  err(USAGE);
  return 2;
}

/**
 * Run `import FILE`: every item of the file, validated together, saved resources first.
 *
 * @example
 * ```ts
 * process.exitCode = await importCommand(config, 'sigil.items.json');
 * ```
 */
export function importCommand(config: LoadedConfig, file: string | undefined): Promise<number> {
  if (!file) {
    err('usage: sigil import FILE   (a JSON object with clients, apiScopes, apiResources, identityResources)');
    return Promise.resolve(2);
  }
  return save(config, readItems(file));
}

function readItems(file: string): ConfigurationImport {
  const v = readJsonFile(file, process.cwd());
  if (typeof v !== 'object' || v === null || Array.isArray(v) || !LISTS.some((k) => k in v))
    throw new ConfigurationError(`${file}: must be a JSON object with any of ${LISTS.join(', ')}`);
  for (const k of LISTS)
    if ((v as Record<string, unknown>)[k] !== undefined && !Array.isArray((v as Record<string, unknown>)[k]))
      throw new ConfigurationError(`${file}: ${k} must be an array`);
  return v as ConfigurationImport;
}

function save(config: LoadedConfig, items: ConfigurationImport): Promise<number> {
  return withConfigurationAdmin(config, async (admin, interval) => {
    for (const r of await admin.importItems(items))
      out(`${r.created ? 'Added' : 'Updated'} ${WORD_OF[r.kind]} "${r.name}".`);
    out(pickUpNote(interval));
    return 0;
  });
}

async function list(admin: ConfigurationAdmin): Promise<number> {
  const all: ConfigurationEntry<unknown>[] = [
    ...(await admin.listIdentityResources()),
    ...(await admin.listApiScopes()),
    ...(await admin.listApiResources()),
  ];
  out(['kind', 'name', 'source', 'status'].join('\t'));
  for (const e of all) {
    const word = Object.keys(KIND_WORDS).find((w) => KIND_WORDS[w] === e.kind);
    out([word, e.name, e.source, e.problems.length ? `INVALID: ${e.problems.join('; ')}` : 'ok'].join('\t'));
  }
  return 0;
}
