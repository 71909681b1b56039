/**
 * A relying party's back-channel logout endpoint for tests: records every POST, and answers with
 * the statuses it is told to (one per request, then 200).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One received notification. */
export interface ReceivedLogout {
  readonly path: string;
  readonly contentType: string | undefined;
  readonly form: URLSearchParams;
}

/** A running receiver. */
export interface LogoutReceiver {
  readonly url: string;
  readonly received: ReceivedLogout[];
  /** Statuses for the next requests, in order; 200 when empty. A status of 0 leaves the request hanging. */
  readonly script: number[];
  /** Resolves when `count` notifications were received. */
  waitFor(count: number): Promise<ReceivedLogout[]>;
  close(): Promise<void>;
}

/** Start a receiver on 127.0.0.1. */
export async function startLogoutReceiver(): Promise<LogoutReceiver> {
  const received: ReceivedLogout[] = [];
  const script: number[] = [];
  const waiters: { count: number; resolve: (r: ReceivedLogout[]) => void }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = script.shift() ?? 200;
      if (status === 0) return; // hang: the sender's timeout must end it
      if (status === 200) {
        received.push({
          path: req.url ?? '',
          contentType: req.headers['content-type'],
          form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
        });
      }
      if (status >= 300 && status < 400) res.setHeader('location', 'http://127.0.0.1:1/elsewhere');
      res.writeHead(status).end();
      for (const w of waiters.filter((w) => received.length >= w.count)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(received.slice());
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    script,
    waitFor(count) {
      if (received.length >= count) return Promise.resolve(received.slice());
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
