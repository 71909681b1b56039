/**
 * The data-protection master key and the default application name. The master key wraps every
 * key of the ring; it comes from options, then env `SIGIL_DATA_PROTECTION_KEY`, then a key file
 * created on first use with mode 0600.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DataProtectionInput } from '../config/types.js';
import { DataProtectionError } from './data-protection-error.js';

/** The environment variable holding a base64 master key. */
export const MASTER_KEY_ENV = 'SIGIL_DATA_PROTECTION_KEY';

/** Where the master key came from. */
export type MasterKeySource = 'option' | 'env' | 'file' | 'created';

/** Decode a base64 (or base64url) 32-byte key; throws `invalid-master-key` naming `where`. */
export function parseMasterKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) {
    throw new DataProtectionError(
      'invalid-master-key',
      `${where} must be the base64 of 32 random bytes (generate one with: openssl rand -base64 32)`,
    );
  }
  return key;
}

/**
 * Resolve the master key: `options.masterKey`, else `env.SIGIL_DATA_PROTECTION_KEY`, else the
 * file `options.keyFile` (default `${dataDir}/data-protection.key`), which is created with 32
 * random bytes and mode 0600 when absent. Instances that share a store must share this key.
 *
 * @throws {DataProtectionError} `invalid-master-key` when a configured value is not 32 bytes.
 */
export async function resolveMasterKey(
  options: DataProtectionInput,
  env: Readonly<Record<string, string | undefined>>,
  dataDir: string,
): Promise<{ key: Buffer; source: MasterKeySource; path?: string }> {
  if (options.masterKey)
    return { key: parseMasterKey(options.masterKey, 'dataProtection.masterKey'), source: 'option' };
  const fromEnv = env[MASTER_KEY_ENV];
  if (fromEnv) return { key: parseMasterKey(fromEnv, MASTER_KEY_ENV), source: 'env' };
  const path = options.keyFile ?? join(dataDir, 'data-protection.key');
  try {
    return { key: parseMasterKey(await readFile(path, 'utf8'), `the key file ${path}`), source: 'file', path };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  try {
    // 'wx' fails if another process created the file meanwhile; then read theirs.
    await writeFile(path, `${key.toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    return { key, source: 'created', path };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return { key: parseMasterKey(await readFile(path, 'utf8'), `the key file ${path}`), source: 'file', path };
  }
}

/**
 * The default application name: `sigil:` and the issuer's lower-cased origin and path without a
 * trailing slash, e.g. `sigil:https://login.example.com/tenant`. Derived from the issuer so that
 * every instance of one deployment agrees, and never from a filesystem path.
 */
export function defaultApplicationName(issuer: string): string {
  const url = new URL(issuer);
  const path = url.pathname.replace(/\/+$/, '');
  return `sigil:${(url.origin + path).toLowerCase()}`;
}
