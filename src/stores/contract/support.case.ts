import { randomBytes } from 'node:crypto';
import { it } from 'node:test';
import type { Stores } from '../types.js';

/** Returns the stores under test, or undefined when the suite is skipped. */
export type StoresRef = () => Stores | undefined;

/** A unique id for one test's rows, so tests sharing a database never see each other's data. */
export function uid(prefix = ''): string {
  return prefix + randomBytes(12).toString('base64url');
}

/** The current time in epoch seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Registers one contract test that skips itself when the stores are unavailable. */
export function contractIt(ref: StoresRef, title: string, fn: (stores: Stores) => Promise<void>): void {
  it(title, async (t) => {
    const stores = ref();
    if (!stores) {
      t.skip('store unavailable');
      return;
    }
    await fn(stores);
  });
}

/** Runs `fn` `n` times at once and returns every result. */
export function concurrently<T>(n: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
}

/** Calls `removeExpired` until it removes nothing, so a batching test starts from a clean table. */
export async function drain(fn: () => Promise<number | unknown[]>): Promise<void> {
  for (;;) {
    const r = await fn();
    if ((typeof r === 'number' ? r : r.length) === 0) return;
  }
}
