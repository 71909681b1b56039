import type { ProtectionKeyStore, SerializedProtectionKey, SerializedSigningKey, SigningKeyStore } from '../types.js';

/** A Map-backed {@link SigningKeyStore}, listed in insertion order. */
export class MemorySigningKeyStore implements SigningKeyStore {
  readonly #keys = new Map<string, SerializedSigningKey>();

  async list(): Promise<SerializedSigningKey[]> {
    return [...this.#keys.values()].map((k) => ({ ...k }));
  }

  async add(key: SerializedSigningKey): Promise<boolean> {
    if (this.#keys.has(key.id)) return false;
    this.#keys.set(key.id, { ...key });
    return true;
  }

  async remove(id: string): Promise<boolean> {
    return this.#keys.delete(id);
  }
}

/** A Map-backed {@link ProtectionKeyStore}; ids are unique across applications. */
export class MemoryProtectionKeyStore implements ProtectionKeyStore {
  readonly #keys = new Map<string, SerializedProtectionKey>();

  async list(applicationName: string): Promise<SerializedProtectionKey[]> {
    return [...this.#keys.values()].filter((k) => k.applicationName === applicationName).map((k) => ({ ...k }));
  }

  async add(key: SerializedProtectionKey): Promise<boolean> {
    if (this.#keys.has(key.id)) return false;
    this.#keys.set(key.id, { ...key });
    return true;
  }
}
