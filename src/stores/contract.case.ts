import { after, before, describe } from 'node:test';
import { artifactCases } from './contract/artifacts.case.js';
import { grantCases } from './contract/grants.case.js';
import { raceCases } from './contract/races.case.js';
import { serviceCases } from './contract/services.case.js';
import type { Stores } from './types.js';

/** Differences an implementation may declare. */
export interface ContractOptions {
  /** The replay cache expires entries by itself (Redis), so `removeExpired` may report 0. */
  replayExpiresItself?: boolean;
}

/**
 * Registers the shared store contract as `node:test` suites: every method of every store,
 * expiry, filters, batched `removeExpired`, and the races (50 concurrent consumers of one code
 * yield exactly one `consumed`, one `replay.add` winner, one PAR winner, one rotation successor).
 * Every implementation runs it, like hono's `runTest({ newRouter })`.
 *
 * `factory` is called once before the tests; resolve `undefined` to skip them (after printing
 * why). `close()` is called once after them, so a factory that created a throwaway database
 * can drop it there.
 *
 * @example
 * ```ts
 * runStoreContract('memory', async () => createMemoryStores());
 * ```
 */
export function runStoreContract(
  name: string,
  factory: () => Promise<Stores | undefined>,
  options: ContractOptions = {},
): void {
  describe(`${name} stores`, () => {
    let stores: Stores | undefined;
    before(async () => {
      stores = await factory();
    });
    after(async () => {
      await stores?.close();
    });
    const ref = () => stores;
    grantCases(ref);
    artifactCases(ref, options);
    serviceCases(ref);
    raceCases(ref);
  });
}
