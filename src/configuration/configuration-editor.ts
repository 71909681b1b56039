/**
 * The admin API's work, for any kind of item. A change is validated by building the snapshot it
 * would produce from the current database contents: it is refused if the changed item would not
 * be served, or if any other item would stop being served because of it (a scope still in use).
 */
import { ConfigurationError } from '../config/configuration-error.js';
import { DEFAULT_IDENTITY_RESOURCES } from '../config/defaults.js';
import type { IdentityServerOptions } from '../config/types.js';
import type { ConfigurationContents, ConfigurationKind, ConfigurationStore, GrantStore } from '../stores/types.js';
import type { ConfigurationEntry, RemoveResult, SaveResult } from './admin-types.js';
import type { ConfigurationSnapshots } from './configuration-snapshots.js';
import { itemId, itemKey, KIND_ORDER, KINDS, recordsOf, withRecord } from './item-kinds.js';
import { prepareItem, withHashedSecrets } from './prepare-item.js';
import { buildSnapshot, type ConfigurationSnapshot, nameClash } from './snapshot.js';

/** What the editor works on. */
export interface EditorDeps {
  readonly snapshots: ConfigurationSnapshots;
  /** Undefined when the configuration store is off: then only reads work. */
  readonly store: ConfigurationStore | undefined;
  readonly grants: GrantStore;
  /** The options as given, for listing the file's items. */
  readonly input: IdentityServerOptions;
  readonly extraGrantTypes: ReadonlySet<string>;
}

/**
 * List, get, save and remove items of any kind.
 *
 * @example
 * ```ts
 * const editor = new ConfigurationEditor({ snapshots, store, grants, input, extraGrantTypes });
 * await editor.save([{ kind: 'apiScope', input: { name: 'orders.read' } }]);
 * ```
 */
export class ConfigurationEditor {
  constructor(private readonly deps: EditorDeps) {}

  /** File items in file order, then database items by name. */
  async list(kind: ConfigurationKind): Promise<ConfigurationEntry<unknown>[]> {
    await this.deps.snapshots.refresh();
    const s = this.deps.snapshots.current;
    const stored = [...recordsOf(s.contents, kind)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return [...this.#fileEntries(kind), ...stored.map((r) => this.#entry(s, kind, r.name, r.value))];
  }

  /** The item the server serves under `name`: the file's if it has one, else the database's. */
  async get(kind: ConfigurationKind, name: string): Promise<ConfigurationEntry<unknown> | undefined> {
    const inFile = this.#fileEntries(kind).find((e) => e.name === name);
    if (inFile) return inFile;
    await this.deps.snapshots.refresh();
    const s = this.deps.snapshots.current;
    const r = recordsOf(s.contents, kind).find((x) => x.name === name);
    return r && this.#entry(s, kind, name, r.value);
  }

  /** Validate `items` together, then store them in dependency order and serve them. */
  async save(items: readonly { kind: ConfigurationKind; input: unknown }[]): Promise<SaveResult<unknown>[]> {
    const store = this.#store();
    const prepared = items.map(({ kind, input }) => ({ kind, ...prepareItem(kind, input) }));
    const keys = new Set<string>();
    for (const p of prepared) {
      const key = itemKey(p.kind, p.name);
      if (keys.has(key)) throw new ConfigurationError(`${KINDS[p.kind].label} "${p.name}": is given twice`);
      keys.add(key);
    }
    const contents = await store.load();
    let next = contents;
    for (const p of prepared) next = withRecord(next, p.kind, p.name, { name: p.name, value: p.value });
    this.#check(contents, next, keys, 'invalid configuration');
    prepared.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    for (const p of prepared) await store.save(p.kind, p.name, p.value);
    await this.deps.snapshots.refresh();
    return prepared.map((p) => ({
      kind: p.kind,
      name: p.name,
      created: !recordsOf(contents, p.kind).some((r) => r.name === p.name),
      value: p.value,
    }));
  }

  /** Remove one item if no other item needs it; a client's grants go too unless `keepGrants`. */
  async remove(kind: ConfigurationKind, name: string, keepGrants = false): Promise<RemoveResult> {
    const store = this.#store();
    const label = `${KINDS[kind].label} "${name}"`;
    if (nameClash(kind, name, this.deps.snapshots.file, new Map()))
      throw new ConfigurationError(`${label}: is defined in the configuration file; remove it there`);
    const contents = await store.load();
    if (!recordsOf(contents, kind).some((r) => r.name === name)) return { removed: false, grantsRemoved: 0 };
    this.#check(contents, withRecord(contents, kind, name, undefined), new Set(), `cannot remove ${label}`);
    const removed = await store.remove(kind, name);
    // Stop serving the client here before its grants go, so none is issued in between.
    await this.deps.snapshots.refresh();
    const grantsRemoved =
      removed && kind === 'client' && !keepGrants ? await this.deps.grants.removeAll({ clientId: name }) : 0;
    return { removed, grantsRemoved };
  }

  /** Throw unless `after` serves the changed items and everything `before` served. */
  #check(before: ConfigurationContents, after: ConfigurationContents, changed: ReadonlySet<string>, what: string) {
    const { file, current } = this.deps.snapshots;
    // No last valid versions here: a change must leave every item valid as stored.
    const was = buildSnapshot(file, before, this.deps.extraGrantTypes, undefined, current);
    const old = new Map(was.problems.map((p) => [itemKey(p.kind, p.name), p.problems.join('\n')]));
    const found = buildSnapshot(file, after, this.deps.extraGrantTypes, undefined, current).problems.flatMap((p) => {
      const key = itemKey(p.kind, p.name);
      return changed.has(key) || old.get(key) !== p.problems.join('\n') ? p.problems : [];
    });
    if (found.length) throw new ConfigurationError(`${what}:\n  - ${found.join('\n  - ')}`, found);
  }

  #store(): ConfigurationStore {
    if (!this.deps.store)
      throw new ConfigurationError(
        'configurationStore: enabled is false, so clients and resources cannot be changed at run time',
      );
    return this.deps.store;
  }

  #fileEntries(kind: ConfigurationKind): ConfigurationEntry<unknown>[] {
    const input = this.deps.input;
    const raw: readonly unknown[] =
      kind === 'identityResource'
        ? (input.identityResources ?? DEFAULT_IDENTITY_RESOURCES)
        : ((input[KINDS[kind].list] as readonly unknown[] | undefined) ?? []);
    return raw.map((value) => ({
      kind,
      name: itemId(kind, value) ?? '',
      source: 'file' as const,
      value: withHashedSecrets(kind, value),
      problems: [],
    }));
  }

  #entry(s: ConfigurationSnapshot, kind: ConfigurationKind, name: string, value: unknown): ConfigurationEntry<unknown> {
    const problem = s.problems.find((p) => p.kind === kind && p.name === name);
    return { kind, name, source: 'database', value, problems: problem?.problems ?? [] };
  }
}
