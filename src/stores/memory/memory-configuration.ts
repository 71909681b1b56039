import type { ConfigurationContents, ConfigurationKind, ConfigurationRecord, ConfigurationStore } from '../types.js';

/** A Map-backed {@link ConfigurationStore}; the version is a counter bumped by every change. */
export class MemoryConfigurationStore implements ConfigurationStore {
  readonly #items = new Map<string, { kind: ConfigurationKind; name: string; value: string }>();
  #version = 0;

  async load(): Promise<ConfigurationContents> {
    const lists: Record<ConfigurationKind, ConfigurationRecord[]> = {
      client: [],
      apiScope: [],
      apiResource: [],
      identityResource: [],
    };
    for (const item of this.#items.values()) lists[item.kind].push({ name: item.name, value: JSON.parse(item.value) });
    return {
      version: String(this.#version),
      clients: lists.client,
      apiScopes: lists.apiScope,
      apiResources: lists.apiResource,
      identityResources: lists.identityResource,
    };
  }

  async version(): Promise<string> {
    return String(this.#version);
  }

  async save(kind: ConfigurationKind, name: string, value: unknown): Promise<void> {
    // Stored as text, like the SQL store, so a caller mutating its object changes nothing here.
    this.#items.set(`${kind}\u0000${name}`, { kind, name, value: JSON.stringify(value) });
    this.#version++;
  }

  async remove(kind: ConfigurationKind, name: string): Promise<boolean> {
    if (!this.#items.delete(`${kind}\u0000${name}`)) return false;
    this.#version++;
    return true;
  }
}
