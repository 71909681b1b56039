/**
 * Test support: a real local `node:http` server on port 0 whose behaviour a test swaps at will,
 * counting the requests it receives, for `jwks_uri` tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server does with one request. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A running server. */
export interface JwksServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  /** Requests received, by path. */
  readonly hits: Map<string, number>;
  /** Replace the behaviour. */
  handle(handler: Handler): void;
  /** Close the server and every connection. */
  close(): Promise<void>;
}

/** Serves `body` as JSON with status 200. */
export function json(body: unknown): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

/** Starts a server on 127.0.0.1, port 0. */
export async function startJwksServer(initial: Handler): Promise<JwksServer> {
  let handler = initial;
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    handle(h) {
      handler = h;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
