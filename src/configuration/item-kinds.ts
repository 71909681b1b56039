/**
 * The four kinds of configuration item and how each is named: the field that holds its id, the
 * label problems start with (the same labels the option validators use), and the list it lives in.
 */
import type { ConfigurationContents, ConfigurationKind, ConfigurationRecord } from '../stores/types.js';

/** How one kind of item is named and listed. */
export interface KindInfo {
  /** The field holding the item's id. */
  readonly idField: 'clientId' | 'name';
  /** How messages name the kind: `client "svc": ...`. */
  readonly label: string;
  /** Its list in {@link ConfigurationContents} and in the options. */
  readonly list: 'clients' | 'apiScopes' | 'apiResources' | 'identityResources';
}

/**
 * The kinds in dependency order: identity resources and API scopes first (clients and API
 * resources refer to them), then API resources, then clients.
 *
 * @example
 * ```ts
 * for (const kind of KIND_ORDER) console.log(KINDS[kind].label);
 * ```
 */
export const KIND_ORDER: readonly ConfigurationKind[] = ['identityResource', 'apiScope', 'apiResource', 'client'];

/**
 * Naming of each kind.
 *
 * @example
 * ```ts
 * KINDS.client.idField; // 'clientId'
 * ```
 */
export const KINDS: Readonly<Record<ConfigurationKind, KindInfo>> = {
  client: { idField: 'clientId', label: 'client', list: 'clients' },
  apiScope: { idField: 'name', label: 'API scope', list: 'apiScopes' },
  apiResource: { idField: 'name', label: 'API resource', list: 'apiResources' },
  identityResource: { idField: 'name', label: 'identity resource', list: 'identityResources' },
};

/**
 * The id of a JSON-shaped item, or undefined when it has none. Identity resources and API scopes
 * may be bare strings (`"profile"`), as in the configuration file.
 *
 * @example
 * ```ts
 * itemId('client', { clientId: 'svc' }); // 'svc'
 * itemId('identityResource', 'profile'); // 'profile'
 * ```
 */
export function itemId(kind: ConfigurationKind, value: unknown): string | undefined {
  if (typeof value === 'string') return kind === 'client' || kind === 'apiResource' ? undefined : value;
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as Record<string, unknown>)[KINDS[kind].idField];
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/**
 * The key of an item in maps that hold every kind.
 *
 * @example
 * ```ts
 * itemKey('client', 'svc'); // 'client\u0000svc'
 * ```
 */
export function itemKey(kind: ConfigurationKind, name: string): string {
  return `${kind}\u0000${name}`;
}

/**
 * The records of one kind.
 *
 * @example
 * ```ts
 * const clients = recordsOf(await store.load(), 'client');
 * ```
 */
export function recordsOf(contents: ConfigurationContents, kind: ConfigurationKind): readonly ConfigurationRecord[] {
  return contents[KINDS[kind].list];
}

/**
 * `contents` with `record` added to (or replacing the same name in) its kind, or with the item
 * `kind`/`name` removed when `record` is undefined. The input is not changed.
 *
 * @example
 * ```ts
 * const without = withRecord(contents, 'apiScope', 'orders.read', undefined);
 * ```
 */
export function withRecord(
  contents: ConfigurationContents,
  kind: ConfigurationKind,
  name: string,
  record: ConfigurationRecord | undefined,
): ConfigurationContents {
  const others = recordsOf(contents, kind).filter((r) => r.name !== name);
  return { ...contents, [KINDS[kind].list]: record ? [...others, record] : others };
}
