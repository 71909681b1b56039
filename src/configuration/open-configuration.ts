/**
 * Wires the configuration store: the first snapshot, the editor and the admin API. Used by
 * `createIdentityServer` and by the `sigil clients` / `sigil resources` commands.
 */
import type { Logger } from 'pino';
import type { ResolvedOptions } from '../config/resolved.js';
import type { IdentityServerOptions } from '../config/types.js';
import type { Stores } from '../stores/types.js';
import { createConfigurationAdmin } from './admin.js';
import type { ConfigurationAdmin } from './admin-types.js';
import { ConfigurationEditor } from './configuration-editor.js';
import { ConfigurationSnapshots } from './configuration-snapshots.js';

/** What {@link openConfiguration} needs. */
export interface ConfigurationSetup {
  /** The options as given (the file's items are listed from here). */
  readonly input: IdentityServerOptions;
  /** The same options, validated. */
  readonly resolved: ResolvedOptions;
  readonly stores: Stores;
  /** Grant types accepted in `allowedGrantTypes` beyond the known ones. */
  readonly extraGrantTypes: ReadonlySet<string>;
  readonly logger: Logger;
}

/** The snapshots the server reads and the admin API that changes them. */
export interface OpenedConfiguration {
  readonly snapshots: ConfigurationSnapshots;
  readonly admin: ConfigurationAdmin;
}

/**
 * Load the first snapshot (file items plus, when `configurationStore.enabled`, the database's)
 * and build the admin API. Rejects only when the store cannot be read; invalid database items
 * are logged and skipped.
 *
 * @example
 * ```ts
 * const { snapshots, admin } = await openConfiguration({ input, resolved, stores, extraGrantTypes, logger });
 * snapshots.current.clients.find('svc');
 * ```
 */
export async function openConfiguration(setup: ConfigurationSetup): Promise<OpenedConfiguration> {
  const store = setup.resolved.configurationStore.enabled ? setup.stores.configuration : undefined;
  const snapshots = await ConfigurationSnapshots.open({
    file: setup.resolved,
    store,
    extraGrantTypes: setup.extraGrantTypes,
    logger: setup.logger,
  });
  const editor = new ConfigurationEditor({
    snapshots,
    store,
    grants: setup.stores.grants,
    input: setup.input,
    extraGrantTypes: setup.extraGrantTypes,
  });
  return { snapshots, admin: createConfigurationAdmin(editor, snapshots) };
}
