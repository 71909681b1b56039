import type { DeviceCode, DeviceCodeStore, PushedRequest, PushedRequestStore } from '../types.js';

/** A Map-backed {@link PushedRequestStore}; `consume` deletes before it returns. */
export class MemoryPushedRequestStore implements PushedRequestStore {
  readonly #requests = new Map<string, PushedRequest>();

  async store(request: PushedRequest): Promise<void> {
    if (this.#requests.has(request.key)) throw new Error(`pushed request ${request.key} already exists`);
    this.#requests.set(request.key, { ...request });
  }

  async consume(key: string, now: number, clientId?: string): Promise<PushedRequest | undefined> {
    const r = this.#requests.get(key);
    if (!r || (clientId !== undefined && r.clientId !== clientId)) return undefined;
    this.#requests.delete(key);
    return r.expiresAt < now ? undefined : r;
  }

  async removeExpired(now: number, batchSize: number): Promise<number> {
    let n = 0;
    for (const [key, r] of this.#requests) {
      if (n >= batchSize) break;
      if (r.expiresAt < now && this.#requests.delete(key)) n++;
    }
    return n;
  }
}

/** A Map-backed {@link DeviceCodeStore}, indexed by key and by user code. */
export class MemoryDeviceCodeStore implements DeviceCodeStore {
  readonly #codes = new Map<string, DeviceCode>();
  readonly #byUserCode = new Map<string, string>();

  async store(code: DeviceCode): Promise<void> {
    if (this.#codes.has(code.key)) throw new Error(`device code ${code.key} already exists`);
    if (this.#byUserCode.has(code.userCode)) throw new Error('user code already exists');
    this.#codes.set(code.key, { ...code });
    this.#byUserCode.set(code.userCode, code.key);
  }

  async findByUserCode(userCode: string): Promise<DeviceCode | undefined> {
    const key = this.#byUserCode.get(userCode);
    return key === undefined ? undefined : this.get(key);
  }

  async get(key: string): Promise<DeviceCode | undefined> {
    const c = this.#codes.get(key);
    return c && { ...c };
  }

  async update(
    userCode: string,
    changes: Partial<Pick<DeviceCode, 'status' | 'subjectId' | 'data' | 'lastPolledAt'>>,
  ): Promise<boolean> {
    const key = this.#byUserCode.get(userCode);
    const c = key === undefined ? undefined : this.#codes.get(key);
    if (!c) return false;
    for (const [k, v] of Object.entries(changes)) if (v !== undefined) Object.assign(c, { [k]: v });
    return true;
  }

  async consume(key: string): Promise<DeviceCode | undefined> {
    const c = this.#codes.get(key);
    if (!c || c.status === 'pending') return undefined;
    this.#delete(c);
    return c;
  }

  async removeExpired(now: number, batchSize: number): Promise<number> {
    let n = 0;
    for (const c of this.#codes.values()) {
      if (n >= batchSize) break;
      if (c.expiresAt < now) {
        this.#delete(c);
        n++;
      }
    }
    return n;
  }

  #delete(c: DeviceCode): void {
    this.#codes.delete(c.key);
    this.#byUserCode.delete(c.userCode);
  }
}
