import { randomBytes } from 'node:crypto';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { Redis } from 'ioredis';

/** The Redis the tests use: env `SIGIL_TEST_REDIS_URL`, else the local one. */
export const TEST_REDIS_URL = process.env.SIGIL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A URL where nothing listens, for the Redis-down tests. */
export const DOWN_REDIS_URL = 'redis://127.0.0.1:1';

/**
 * Resolves `undefined` when the test Redis answers, or the reason to skip when it does not.
 * Under CI (`CI=true`) an unreachable Redis is an error, so the suite fails loudly instead.
 */
export async function redisSkipReason(): Promise<string | undefined> {
  const probe = new Redis(TEST_REDIS_URL, { lazyConnect: true, retryStrategy: () => null, connectTimeout: 2000 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
    return undefined;
  } catch (e) {
    const reason = `Redis at ${TEST_REDIS_URL} is unreachable (${(e as Error).message})`;
    if (process.env.CI === 'true') throw new Error(`${reason}; it is required when CI=true`);
    console.log(`# skipping Redis tests: ${reason}`);
    return reason;
  } finally {
    probe.disconnect();
  }
}

/** A key prefix of its own for one test run, so concurrent runs never see each other's keys. */
export function testKeyPrefix(): string {
  return `sigil-test:${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under `prefix` from the test Redis. */
export async function deleteKeys(prefix: string): Promise<void> {
  const admin = new Redis(TEST_REDIS_URL, { lazyConnect: true, retryStrategy: () => null });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    admin.disconnect();
  }
}

/** A TCP proxy in front of the test Redis that can stop passing bytes, like a silent network partition. */
export interface RedisProxy {
  readonly url: string;
  /** Drops every byte in both directions from now on, keeping connections open. */
  freeze(): void;
  /** Passes bytes again. Connections that lost bytes meanwhile are useless and get replaced by the client. */
  thaw(): void;
  close(): Promise<void>;
}

/** Starts a {@link RedisProxy} on a free local port. */
export async function startRedisProxy(): Promise<RedisProxy> {
  const target = new URL(TEST_REDIS_URL);
  const sockets = new Set<Socket>();
  let frozen = false;
  const track = (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = createServer((down) => {
    const up = connect(Number(target.port || 6379), target.hostname);
    track(down);
    track(up);
    down.on('data', (b) => frozen || up.write(b));
    up.on('data', (b) => frozen || down.write(b));
    down.on('close', () => up.destroy());
    up.on('close', () => down.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    freeze: () => (frozen = true),
    thaw: () => (frozen = false),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
}
