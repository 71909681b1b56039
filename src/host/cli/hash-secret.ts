/** `sigil hash-secret`: print the `sha256:<base64>` form of a client or API secret for config files. */
import { randomBytes } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { formatHashedSecret } from '../../crypto/secrets.js';
import { err, out } from './output.js';

/** Hash `secret` (or stdin, or a new random secret with `generate`) and print it. */
export async function hashSecretCommand(secret: string | undefined, generate: boolean): Promise<number> {
  if (generate) {
    const s = randomBytes(32).toString('base64url');
    out(`secret: ${s}`, `hashed: ${formatHashedSecret(s)}`);
    return 0;
  }
  const value = secret ?? (await text(process.stdin)).replace(/\r?\n$/, '');
  if (value.length === 0) {
    err('sigil hash-secret: the secret is empty');
    return 2;
  }
  out(formatHashedSecret(value));
  return 0;
}
