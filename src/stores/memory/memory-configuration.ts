import type { ConfigurationStore } from '../types.js';

/** The kinds of configuration item, in the order `load()` groups them. */
export type ConfigurationKind = 'client' | 'apiScope' | 'apiResource' | 'identityResource';

/** A Map-backed {@link ConfigurationStore}; the version is a counter bumped by every change. */
export class MemoryConfigurationStore implements ConfigurationStore {
  readonly #items = new Map<string, { kind: ConfigurationKind; value: string }>();
  #version = 0;

  async load(): ReturnType<ConfigurationStore['load']> {
    const out = { version: String(this.#version), clients: [], apiScopes: [], apiResources: [], identityResources: [] };
    const lists: Record<ConfigurationKind, unknown[]> = {
      client: out.clients,
      apiScope: out.apiScopes,
      apiResource: out.apiResources,
      identityResource: out.identityResources,
    };
    for (const item of this.#items.values()) lists[item.kind].push(JSON.parse(item.value));
    return out;
  }

  async version(): Promise<string> {
    return String(this.#version);
  }

  async save(kind: ConfigurationKind, name: string, value: unknown): Promise<void> {
    this.#items.set(`${kind}\u0000${name}`, { kind, value: JSON.stringify(value) });
    this.#version++;
  }

  async remove(kind: ConfigurationKind, name: string): Promise<boolean> {
    if (!this.#items.delete(`${kind}\u0000${name}`)) return false;
    this.#version++;
    return true;
  }
}
