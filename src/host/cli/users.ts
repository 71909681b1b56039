/**
 * `sigil users add --username NAME [--password PW] [--subject ID] [--claim name=value ...]`: add a
 * user to the store's users table, the password hashed with argon2id. Without `--password` the
 * password is read from standard input (without echo on a terminal), so it stays out of the shell
 * history.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { text } from 'node:stream/consumers';
import { pino } from 'pino';
import { validateOptions } from '../../config/validate-options.js';
import { openStores } from '../../server/open-stores.js';
import { hashPassword } from '../../users/password-hash.js';
import { LIMITS } from '../form.js';
import type { LoadedConfig } from './load-config.js';
import { err, out } from './output.js';

/** The options of `users add`. */
export interface UsersAddOptions {
  readonly username?: string;
  readonly password?: string;
  readonly subject?: string;
  readonly claim?: readonly string[];
}

const USAGE = 'usage: sigil users add --username NAME [--password PW] [--subject ID] [--claim name=value ...]';

/** `name=value` pairs as claims: `true`/`false` become booleans; a repeated name becomes a list. */
export function parseClaims(pairs: readonly string[]): Record<string, string | boolean | string[]> | string {
  const claims: Record<string, string | boolean | string[]> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return `--claim "${pair}" must be name=value`;
    const name = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    const value = raw === 'true' ? true : raw === 'false' ? false : raw;
    const prev = claims[name];
    if (prev === undefined) claims[name] = value;
    else claims[name] = [...(Array.isArray(prev) ? prev : [String(prev)]), String(value)];
  }
  return claims;
}

/** Read a password: hidden prompt on a terminal, else all of `input` without the final newline. */
export async function readPassword(input: NodeJS.ReadableStream & { isTTY?: boolean }): Promise<string> {
  if (!input.isTTY) return (await text(input)).replace(/\r?\n$/, '');
  const rl = createInterface({ input, output: process.stderr, terminal: true });
  process.stderr.write('Password: ');
  // Echo nothing while the password is typed.
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stderr.write('\n');
  return answer;
}

/** Run `users <sub>`. */
export async function usersCommand(
  config: LoadedConfig,
  sub: string | undefined,
  o: UsersAddOptions,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
): Promise<number> {
  if (sub !== 'add' || !o.username) {
    err(USAGE);
    return 2;
  }
  if (o.username.length > LIMITS.username) {
    err(`sigil users add: the username must be at most ${LIMITS.username} characters`);
    return 2;
  }
  const claims = parseClaims(o.claim ?? []);
  if (typeof claims === 'string') {
    err(`sigil users add: ${claims}`);
    return 2;
  }
  const resolved = validateOptions(config.options);
  if (resolved.store.type === 'memory') {
    err('sigil users add: the store is "memory"; users added there would vanish with this process');
    return 2;
  }
  const password = o.password ?? (await readPassword(input));
  if (password.length === 0 || password.length > LIMITS.password) {
    err(`sigil users add: the password must be 1 to ${LIMITS.password} characters`);
    return 2;
  }
  if (resolved.users.some((u) => u.username.toLowerCase() === o.username!.toLowerCase()))
    err(`note: "${o.username}" is also in the configuration's users, which take precedence`);
  const stores = await openStores(resolved, pino({ level: 'warn' }));
  try {
    const subjectId = o.subject ?? randomUUID();
    const added = await stores.users.add({
      subjectId,
      username: o.username,
      passwordHash: await hashPassword(password),
      claims,
      createdAt: Math.floor(Date.now() / 1000),
    });
    if (!added) {
      err(`sigil users add: a user with the username "${o.username}" or the subject "${subjectId}" exists`);
      return 1;
    }
    out(`Added user "${o.username}" (subject ${subjectId}).`);
    return 0;
  } finally {
    await stores.close();
  }
}
