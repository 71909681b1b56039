/**
 * `sigil keys list` and `sigil keys rotate`: inspect and rotate the signing keys in the configured
 * store. A running server sees a rotation at its next key refresh, before the new key signs.
 */
import { createIdentityServer } from '../../server/create-identity-server.js';
import type { LoadedConfig } from './load-config.js';
import { err, out } from './output.js';

const iso = (t: number | undefined) => (t === undefined ? '-' : new Date(t * 1000).toISOString());

/** Run `keys <sub>`. */
export async function keysCommand(config: LoadedConfig, sub: string | undefined, immediate: boolean): Promise<number> {
  if (sub !== 'list' && sub !== 'rotate') {
    err('usage: sigil keys list | sigil keys rotate [--immediate]');
    return 2;
  }
  const sigil = await createIdentityServer({ ...config.options, logLevel: 'warn', backgroundJobs: false });
  try {
    if (sigil.stores.kind === 'memory') err('note: the store is "memory"; these keys live only in this process');
    if (sub === 'rotate') {
      await sigil.keys.rotate({ immediate });
      out(
        immediate
          ? 'New signing keys are active now.'
          : 'New signing keys are announced; they sign after the propagation time.',
      );
    }
    out(['kid', 'alg', 'status', 'created', 'activates', 'retires'].join('\t'));
    for (const k of sigil.keys.list()) {
      out([k.kid, k.alg, k.status, iso(k.createdAt), iso(k.activatesAt), iso(k.retiresAt)].join('\t'));
    }
    return 0;
  } finally {
    await sigil.close();
  }
}
