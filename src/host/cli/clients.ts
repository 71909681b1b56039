/**
 * `sigil clients list | add --file FILE | remove ID [--keep-grants]`: the clients in the
 * configured database. Each change is validated like the configuration file; running servers
 * pick it up within `configurationStore.refreshInterval`.
 */
import type { ClientInput } from '../../config/types.js';
import type { ConfigurationEntry } from '../../configuration/admin-types.js';
import type { LoadedConfig } from './load-config.js';
import { pickUpNote, readJsonFile, withConfigurationAdmin } from './open-configuration-cli.js';
import { err, out } from './output.js';

const USAGE = 'usage: sigil clients list | sigil clients add --file FILE | sigil clients remove ID [--keep-grants]';

/** Flags of `clients`. */
export interface ClientsFlags {
  readonly file?: string;
  readonly keepGrants: boolean;
}

/**
 * Run `clients <sub>`.
 *
 * @example
 * ```ts
 * process.exitCode = await clientsCommand(loadConfig(flags, process.env, process.cwd()), ['list'], { keepGrants: false });
 * ```
 */
export async function clientsCommand(
  config: LoadedConfig,
  args: readonly string[],
  flags: ClientsFlags,
): Promise<number> {
  const [sub, id] = args;
  if (sub === 'list' && args.length === 1) return withConfigurationAdmin(config, list);
  if (sub === 'add' && args.length === 1 && flags.file) {
    const parsed = readJsonFile(flags.file, process.cwd());
    const clients = (Array.isArray(parsed) ? parsed : [parsed]) as ClientInput[];
    return withConfigurationAdmin(config, async (admin, interval) => {
      for (const r of await admin.importItems({ clients }))
        out(`${r.created ? 'Added' : 'Updated'} client "${r.name}".`);
      out(pickUpNote(interval));
      return 0;
    });
  }
  if (sub === 'remove' && args.length === 2 && id) {
    return withConfigurationAdmin(config, async (admin, interval) => {
      const r = await admin.removeClient(id, { keepGrants: flags.keepGrants });
      if (!r.removed) {
        err(`There is no client "${id}" in the database.`);
        return 1;
      }
      out(
        `Removed client "${id}"${flags.keepGrants ? '' : ` and its ${r.grantsRemoved} persisted grant(s)`}.`,
        pickUpNote(interval),
      );
      return 0;
    });
  }
  err(USAGE);
  return 2;
}

async function list(admin: { listClients(): Promise<ConfigurationEntry<ClientInput>[]> }): Promise<number> {
  out(['clientId', 'source', 'enabled', 'grant types', 'scopes', 'status'].join('\t'));
  for (const e of await admin.listClients()) {
    const v = (typeof e.value === 'object' && e.value !== null ? e.value : {}) as Partial<ClientInput>;
    const words = (x: unknown) => (Array.isArray(x) ? x.join(' ') : '-');
    out(
      [
        e.name,
        e.source,
        v.enabled === false ? 'no' : 'yes',
        words(v.allowedGrantTypes),
        words(v.allowedScopes),
        e.problems.length ? `INVALID: ${e.problems.join('; ')}` : 'ok',
      ].join('\t'),
    );
  }
  return 0;
}
