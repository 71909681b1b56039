/**
 * A configuration snapshot: the file's clients and resources merged with the database's, validated
 * and indexed, as one immutable value. The hot path reads a snapshot synchronously; a reload
 * builds a new one and swaps a single reference, so a reader sees the old or the new one whole.
 *
 * Rules: the file wins (a database item with the id of a file item is ignored and reported); an
 * invalid database item is skipped and reported, and its last valid version is served instead if
 * the previous snapshot had one; identity resources and API scopes share one namespace.
 */
import type { ApiResource, ApiScope, Client, IdentityResource } from '../config/model.js';
import type { ResolvedOptions } from '../config/resolved.js';
import type { ClientRegistry } from '../context.js';
import type { ConfigurationContents, ConfigurationKind } from '../stores/types.js';
import { itemId, itemKey, KIND_ORDER, KINDS, recordsOf } from './item-kinds.js';
import { type ConfigurationItem, stillValid, validateStoredItem } from './validate-stored-item.js';

/** A database item the snapshot serves. */
export interface AcceptedItem {
  readonly kind: ConfigurationKind;
  readonly name: string;
  readonly item: ConfigurationItem;
  /** The stored JSON it was validated from, to tell changed items from unchanged ones. */
  readonly json: string;
}

/** A database item the snapshot does not serve as stored. */
export interface ItemProblem {
  readonly kind: ConfigurationKind;
  readonly name: string;
  /** One line per problem, each naming the item and the field. */
  readonly problems: readonly string[];
  /** Its previous valid version is still served. */
  readonly keptLastGood: boolean;
}

/** The merged, validated configuration. Never mutated after it is built. */
export interface ConfigurationSnapshot {
  /** The store version it was built from; empty when the configuration store is off. */
  readonly version: string;
  /** The stored items it was built from, as stored. */
  readonly contents: ConfigurationContents;
  /** The options with the merged `clients` and `resources`; a new object per snapshot. */
  readonly options: ResolvedOptions;
  /** Client lookup over `options.clients`; `find` allocates nothing. */
  readonly clients: ClientRegistry;
  /** The database items served, by {@link itemKey}. */
  readonly database: ReadonlyMap<string, AcceptedItem>;
  readonly problems: readonly ItemProblem[];
  /** Validation warnings about database items that are new or changed since the previous snapshot. */
  readonly warnings: readonly string[];
}

/**
 * The snapshot of the file configuration alone (the configuration store is off, or empty).
 *
 * @example
 * ```ts
 * const snapshot = fileSnapshot(validateOptions(options));
 * snapshot.clients.find('svc');
 * ```
 */
export function fileSnapshot(file: ResolvedOptions): ConfigurationSnapshot {
  const clients = file.clients;
  return {
    version: '',
    contents: { version: '', clients: [], apiScopes: [], apiResources: [], identityResources: [] },
    options: file,
    clients: { find: (id) => clients.get(id) },
    database: new Map(),
    problems: [],
    warnings: [],
  };
}

/**
 * Merge the stored items into the file configuration. `previous` supplies last valid versions
 * and tells which warnings are new; items of `reuse` (default `previous`) whose JSON is unchanged
 * and whose references still resolve are taken over without validating them again.
 *
 * @example
 * ```ts
 * const next = buildSnapshot(file, await store.load(), extraGrantTypes, current);
 * for (const p of next.problems) logger.error(p, p.problems.join('; '));
 * ```
 */
export function buildSnapshot(
  file: ResolvedOptions,
  contents: ConfigurationContents,
  extraGrantTypes: ReadonlySet<string>,
  previous?: ConfigurationSnapshot,
  reuse: ConfigurationSnapshot | undefined = previous,
): ConfigurationSnapshot {
  const identityResources = new Map<string, IdentityResource>(file.resources.identityResources);
  const apiScopes = new Map<string, ApiScope>(file.resources.apiScopes);
  const apiResources = new Map<string, ApiResource>(file.resources.apiResources);
  const clients = new Map<string, Client>(file.clients);
  const targets: Record<ConfigurationKind, Map<string, ConfigurationItem>> = {
    identityResource: identityResources,
    apiScope: apiScopes,
    apiResource: apiResources,
    client: clients,
  };
  const database = new Map<string, AcceptedItem>();
  const problems: ItemProblem[] = [];
  const warnings: string[] = [];

  for (const kind of KIND_ORDER) {
    const scope = {
      identityResources,
      apiScopes,
      knownScopes: new Set([...identityResources.keys(), ...apiScopes.keys()]),
      extraGrantTypes,
    };
    for (const record of recordsOf(contents, kind)) {
      const { name } = record;
      const key = itemKey(kind, name);
      const label = `${KINDS[kind].label} "${name}"`;
      const clash = nameClash(kind, name, file, identityResources);
      if (clash) {
        problems.push({ kind, name, problems: [`${label}: ${clash}`], keptLastGood: false });
        continue;
      }
      const json = record.invalidJson === undefined ? JSON.stringify(record.value) : '';
      let found: readonly string[];
      if (record.invalidJson !== undefined) found = [`${label}: the stored value is not JSON (${record.invalidJson})`];
      else if (itemId(kind, record.value) !== name)
        found = [`${label}: ${KINDS[kind].idField} must be "${name}", the name it is stored under`];
      else {
        const earlier = reuse?.database.get(key);
        if (earlier?.json === json && stillValid(kind, earlier.item, scope)) {
          targets[kind].set(name, earlier.item);
          database.set(key, earlier);
          continue;
        }
        const check = validateStoredItem(kind, record.value, scope);
        if (check.item) {
          targets[kind].set(name, check.item);
          database.set(key, { kind, name, item: check.item, json });
          if (previous?.database.get(key)?.json !== json) warnings.push(...check.warnings);
          continue;
        }
        found = check.problems;
      }
      const last = previous?.database.get(key);
      if (last) {
        targets[kind].set(name, last.item);
        database.set(key, last);
      }
      problems.push({ kind, name, problems: found, keptLastGood: last !== undefined });
    }
  }

  const apiResourcesByScope = new Map<string, ApiResource[]>();
  for (const r of apiResources.values())
    for (const s of r.scopes) apiResourcesByScope.set(s, [...(apiResourcesByScope.get(s) ?? []), r]);
  const options: ResolvedOptions = Object.freeze({
    ...file,
    clients,
    resources: { identityResources, apiScopes, apiResources, apiResourcesByScope },
  });
  return {
    version: contents.version,
    contents,
    options,
    clients: { find: (id) => clients.get(id) },
    database,
    problems,
    warnings,
  };
}

/**
 * Why `name` cannot be used by a database item of `kind`, or undefined. The file wins over the
 * database; identity resources and API scopes are both scopes, so they share one namespace.
 */
export function nameClash(
  kind: ConfigurationKind,
  name: string,
  file: ResolvedOptions,
  identityResources: ReadonlyMap<string, unknown>,
): string | undefined {
  const res = file.resources;
  const inFile =
    kind === 'client'
      ? file.clients.has(name)
      : kind === 'apiResource'
        ? res.apiResources.has(name)
        : res.identityResources.has(name) || res.apiScopes.has(name);
  if (inFile) return 'is defined in the configuration file, which takes precedence over the database';
  if (kind === 'apiScope' && identityResources.has(name)) return 'name is already used by an identity resource';
  return undefined;
}
