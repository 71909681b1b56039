/**
 * Shared set-up of the key-manager tests: a fake clock, a configuration, data protection over
 * memory stores and a logger that records what it is told.
 */
import { randomBytes } from 'node:crypto';
import type { ResolvedKeyManagement } from '../config/resolved.js';
import { createMemoryStores } from '../stores/memory/memory-stores.js';
import type { Stores } from '../stores/types.js';
import type { CryptoLogger } from './crypto-logger.js';
import { createDataProtection } from './data-protection.js';
import { decodeJwt } from './decode-jwt.js';
import { createKeyManager, type KeyManager, type KeyManagerOptions } from './key-manager.js';
import { signJwt } from './sign-jwt.js';
import type { DataProtector, KeyMaterial } from './types.js';
import { verifyJwtSignature } from './verify-jwt.js';

/** One day in seconds. */
export const DAY = 86_400;

/** A settable clock in epoch seconds. */
export interface FakeClock {
  now(): number;
  advance(seconds: number): void;
}

/** A clock starting at `start`. */
export function fakeClock(start = 1_750_000_000): FakeClock {
  let t = start;
  return { now: () => t, advance: (s) => void (t += s) };
}

/** Duende's defaults with one ES256 algorithm (fast to generate), overridable. */
export function testConfig(over: Partial<ResolvedKeyManagement> = {}): ResolvedKeyManagement {
  return {
    enabled: true,
    signingAlgorithms: ['ES256'],
    rotationInterval: 90 * DAY,
    propagationTime: 14 * DAY,
    retentionDuration: 14 * DAY,
    rsaKeySize: 2048,
    deleteRetiredKeys: true,
    keyCacheDuration: 300,
    staticKeys: [],
    ...over,
  };
}

const MASTER = randomBytes(32);

/** A `signing-keys` protector of its own data-protection instance, as one server instance would have. */
export async function protectorFor(
  stores: Stores,
  applicationName = 'sigil-test',
  masterKey = MASTER,
): Promise<DataProtector> {
  const dp = await createDataProtection({
    store: stores.protectionKeys,
    locks: stores.locks,
    applicationName,
    masterKey,
  });
  return dp.createProtector('signing-keys');
}

/** A logger that keeps every entry. */
export function recordingLogger(): CryptoLogger & { entries: Array<{ level: string; obj: object; msg: string }> } {
  const entries: Array<{ level: string; obj: object; msg: string }> = [];
  const log = (level: string) => (obj: object, msg: string) => void entries.push({ level, obj, msg });
  return { entries, info: log('info'), warn: log('warn'), error: log('error') };
}

/** One server instance: a key manager over `stores` with its own protector. */
export async function instance(
  stores: Stores,
  clock: FakeClock,
  over: Partial<KeyManagerOptions> & { config?: ResolvedKeyManagement } = {},
): Promise<KeyManager> {
  return createKeyManager({
    config: testConfig(),
    store: stores.signingKeys,
    locks: stores.locks,
    protector: await protectorFor(stores),
    now: clock.now,
    ...over,
  });
}

/** Fresh memory stores. */
export function newStores(): Stores {
  return createMemoryStores();
}

/** Sign a token with `signer`'s key for `allowed` and say whether `verifier` accepts it. */
export function signsFor(signer: KeyMaterial, verifier: KeyMaterial, allowed?: readonly string[]): boolean {
  return verifies(signJwt(signer.getSigningKey(allowed), { sub: 'alice' }), verifier);
}

/** Whether `verifier` finds the token's kid and the signature holds. */
export function verifies(token: string, verifier: KeyMaterial): boolean {
  const { header } = decodeJwt(token);
  const key = verifier.findValidationKey(String(header.kid));
  return key !== undefined && verifyJwtSignature(token, key.publicKey, key.alg);
}

/** The kids of a JWKS document. */
export function jwksKids(keys: KeyMaterial): string[] {
  return (JSON.parse(keys.jwksJson()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
}
