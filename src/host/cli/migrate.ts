/**
 * `sigil migrate [--dry-run]`: apply pending schema migrations to the configured SQL store, or
 * print the SQL they would run.
 */
import { validateOptions } from '../../config/validate-options.js';
import { sqlStoreOptions } from '../../server/open-stores.js';
import { migrate } from '../../stores/sql/migrate.js';
import type { LoadedConfig } from './load-config.js';
import { err, out } from './output.js';

/** Run `migrate`. */
export async function migrateCommand(config: LoadedConfig, dryRun: boolean): Promise<number> {
  const resolved = validateOptions(config.options);
  if (resolved.store.type === 'memory') {
    err('sigil migrate: the store is "memory"; there is nothing to migrate');
    return 2;
  }
  const result = await migrate(sqlStoreOptions(resolved), { dryRun });
  if (dryRun) {
    if (result.statements.length === 0) out('-- the schema is up to date; nothing to apply');
    else out(result.statements.map((s) => `${s};`).join('\n\n'));
    return 0;
  }
  out(
    result.applied.length === 0
      ? 'The schema is up to date.'
      : `Applied migration${result.applied.length > 1 ? 's' : ''} ${result.applied.join(', ')}.`,
  );
  return 0;
}
