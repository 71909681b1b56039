import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { options, resolve, svc } from '../config/problems.case.js';
import { ConfigurationSnapshots } from '../configuration/configuration-snapshots.js';
import { logLines } from '../configuration/log-lines.case.js';
import type { ServerContext } from '../context.js';
import type { SigilRequest } from '../host/request.js';
import { json } from '../host/result.js';
import { MemoryConfigurationStore } from '../stores/memory/memory-configuration.js';
import { pinConfiguration } from './pin-configuration.js';

async function setup() {
  const store = new MemoryConfigurationStore();
  const snapshots = await ConfigurationSnapshots.open({
    file: resolve(options()),
    store,
    extraGrantTypes: new Set(),
    logger: logLines().logger,
  });
  const live = {
    get options() {
      return snapshots.current.options;
    },
    get clients() {
      return snapshots.current.clients;
    },
    issuer: 'https://op.test',
  } as unknown as ServerContext;
  return { store, snapshots, live };
}

const request = { method: 'POST', path: '/x', search: '', headers: {} } as unknown as SigilRequest;

describe('pinning the configuration per request', () => {
  it('shows a request the snapshot it started with, even when a reload happens while it awaits', async () => {
    const { store, snapshots, live } = await setup();
    const seen: { before: unknown; after: unknown; client: unknown; issuer: string }[] = [];
    let release!: () => void;
    const paused = new Promise<void>((r) => {
      release = r;
    });
    const [route] = pinConfiguration(
      [
        {
          path: '/x',
          endpoint: async (_req, ctx) => {
            const before = ctx.options;
            await paused;
            seen.push({ before, after: ctx.options, client: ctx.clients.find('db'), issuer: ctx.issuer });
            return json(200, {});
          },
        },
      ],
      live,
      snapshots,
    );
    const first = snapshots.current;
    const inFlight = route!.endpoint(request, live);
    await store.save('client', 'db', svc({ clientId: 'db' }));
    await snapshots.refresh();
    assert.notEqual(snapshots.current, first);
    release();
    await inFlight;
    assert.equal(seen[0]?.before, first.options);
    assert.equal(seen[0]?.after, first.options, 'the same snapshot after the await');
    assert.equal(seen[0]?.client, undefined, 'the client added meanwhile is not part of this request');
    assert.equal(seen[0]?.issuer, 'https://op.test', 'everything else comes from the server context');
    await route!.endpoint(request, live);
    assert.equal(seen[1]?.before, snapshots.current.options, 'the next request sees the new snapshot');
    assert.ok(seen[1]?.client);
  });

  it('reuses one pinned context for every request of a snapshot', async () => {
    const { snapshots, live } = await setup();
    const contexts: ServerContext[] = [];
    const [route] = pinConfiguration(
      [
        {
          path: '/x',
          endpoint: (_req, ctx) => {
            contexts.push(ctx);
            return json(200, {});
          },
        },
      ],
      live,
      snapshots,
    );
    await route!.endpoint(request, live);
    await route!.endpoint(request, live);
    assert.equal(contexts[0], contexts[1]);
  });
});
