/**
 * One configuration per request. The server's context reads `options` and `clients` from the
 * current snapshot; endpoints instead get a context pinned to the snapshot that was current when
 * the request arrived, so a reload between two `await`s cannot show a request the client of one
 * snapshot and the resources of another.
 */
import type { ConfigurationSnapshots } from '../configuration/configuration-snapshots.js';
import type { ConfigurationSnapshot } from '../configuration/snapshot.js';
import type { ServerContext } from '../context.js';
import type { Route } from '../host/router.js';

/**
 * `routes` with each endpoint called with a context pinned to the current snapshot. The pinned
 * context inherits everything else from `live`, and is created once per snapshot, not per request.
 *
 * @example
 * ```ts
 * const dispatch = createRouter(pinConfiguration(protocolRoutes(discovery), context, snapshots), context);
 * ```
 */
export function pinConfiguration(
  routes: readonly Route[],
  live: ServerContext,
  snapshots: ConfigurationSnapshots,
): Route[] {
  let pinnedTo: ConfigurationSnapshot | undefined;
  let pinned = live;
  const current = (): ServerContext => {
    const s = snapshots.current;
    if (s !== pinnedTo) {
      pinned = Object.create(live, {
        options: { value: s.options, enumerable: true },
        clients: { value: s.clients, enumerable: true },
      }) as ServerContext;
      pinnedTo = s;
    }
    return pinned;
  };
  return routes.map((r) => ({ ...r, endpoint: (req) => r.endpoint(req, current()) }));
}
