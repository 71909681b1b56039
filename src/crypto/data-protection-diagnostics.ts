/**
 * Start-up checks of data protection for the failures operators hit most (Duende's "key not found
 * in the key ring"): an instance started with another master key than the one that wrapped the
 * stored keys, and a deployment whose application name changed (the default follows the issuer).
 * The first stops start-up; the second is logged, because several deployments may share a store.
 */
import type { ProtectionKeyStore } from '../stores/types.js';
import type { CryptoLogger } from './crypto-logger.js';
import { DataProtectionError } from './data-protection-error.js';
import type { KeyInfo } from './key-list.js';
import { MASTER_KEY_ENV, type MasterKeySource } from './master-key.js';
import { readRingKey } from './protection-key-ring.js';

/** What {@link checkMasterKey} needs. */
export interface MasterKeyCheckOptions {
  store: ProtectionKeyStore;
  applicationName: string;
  masterKey: Buffer;
  /** Where the master key came from, for the message (see `resolveMasterKey`). */
  source?: MasterKeySource;
  /** The key file, when the key came from or was written to one. */
  path?: string;
  /** `dataProtection.dangerouslyIgnoreUnreadableKeys`: log instead of failing. */
  ignoreUnreadable?: boolean;
  logger?: CryptoLogger;
}

/** What the store held for this application before start-up. */
export interface MasterKeyCheck {
  /** Data-protection keys stored for the application. */
  readonly stored: number;
  /** Ids of those this master key cannot unwrap. */
  readonly unreadable: readonly string[];
}

function describeSource(source: MasterKeySource | undefined, path: string | undefined): string {
  switch (source) {
    case 'option':
      return 'dataProtection.masterKey';
    case 'env':
      return `the environment variable ${MASTER_KEY_ENV}`;
    case 'file':
      return `the key file ${path}`;
    case 'created':
      return `a new key file ${path}, created at this start because none was found`;
    default:
      return 'the configured master key';
  }
}

/**
 * Refuse a master key that unwraps none of the application's stored data-protection keys. Such an
 * instance would create a key ring and signing keys of its own: the data the others protected
 * (reference tokens, signing keys, sessions) would be unreadable here, and its tokens would not
 * validate there. Some unreadable keys next to readable ones are only logged (another instance
 * once ran with a wrong key), as each is when the ring loads.
 *
 * @example
 * ```ts
 * const before = await checkMasterKey({ store: stores.protectionKeys, applicationName, masterKey, source, path });
 * ```
 * @throws {DataProtectionError} `key-unreadable`, naming the key ids, the application name, where
 * the master key came from, and the fix.
 */
export async function checkMasterKey(o: MasterKeyCheckOptions): Promise<MasterKeyCheck> {
  const stored = await o.store.list(o.applicationName);
  const unreadable = stored
    .filter((k) => k.applicationName === o.applicationName)
    .filter((k) => readRingKey(o.masterKey, o.applicationName, k).material === undefined)
    .map((k) => k.id);
  if (stored.length === 0 || unreadable.length < stored.length) return { stored: stored.length, unreadable };
  const message =
    `the data-protection master key (from ${describeSource(o.source, o.path)}) cannot unwrap any of the ` +
    `${stored.length} data-protection key(s) stored for application "${o.applicationName}" ` +
    `(${unreadable.join(', ')}): it is not the master key they were created with. With it, everything ` +
    'protected before (signing keys, reference tokens, sessions) would be unreadable and new signing keys would ' +
    `be created, so tokens issued before would stop validating. Start every instance with the original master key ` +
    `(${MASTER_KEY_ENV}, dataProtection.masterKey or dataProtection.keyFile). Only if it is lost for good, start ` +
    'once with dataProtection.dangerouslyIgnoreUnreadableKeys set to true to begin again with new keys.';
  if (o.ignoreUnreadable) {
    o.logger?.error({ applicationName: o.applicationName, keyIds: unreadable }, `${message} Ignored as configured.`);
    return { stored: stored.length, unreadable };
  }
  throw new DataProtectionError('key-unreadable', message, {
    keyId: unreadable[0],
    applicationName: o.applicationName,
  });
}

/**
 * After the key manager has loaded: when this application had no data-protection keys before
 * this start but the store holds signing keys this instance cannot read, the application name
 * most likely changed (the default is derived from the issuer). Log that once, with the fix.
 *
 * @example
 * ```ts
 * reportUnreadableSigningKeys(keys.list(), applicationName, before.stored === 0, logger);
 * ```
 */
export function reportUnreadableSigningKeys(
  keys: readonly KeyInfo[],
  applicationName: string,
  newRing: boolean,
  logger?: CryptoLogger,
): void {
  const unreadable = keys.filter((k) => k.status === 'unreadable').map((k) => k.kid);
  if (!newRing || unreadable.length === 0) return;
  logger?.error(
    { applicationName, kids: unreadable },
    `the store holds ${unreadable.length} signing key(s) (${unreadable.join(', ')}) that data-protection application ` +
      `"${applicationName}" cannot read, and it had no data-protection keys before this start: the application ` +
      'name has probably changed (by default it is derived from the issuer). Tokens signed with those keys cannot ' +
      'be validated and new signing keys were created. Set dataProtection.applicationName to the name used before ' +
      'to keep them. If they belong to another deployment sharing this database, ignore this message.',
  );
}
