/**
 * The data protector for persisted grant payloads (Duende `PersistentGrantSerializer` purpose),
 * created once per server.
 */
import type { ServerContext } from '../context.js';
import type { DataProtector } from '../crypto/types.js';

const cache = new WeakMap<ServerContext, DataProtector>();

/** The protector for persisted grant payloads. */
export function grantProtector(ctx: ServerContext): DataProtector {
  let p = cache.get(ctx);
  if (!p) {
    p = ctx.protection.createProtector('persisted-grants');
    cache.set(ctx, p);
  }
  return p;
}
