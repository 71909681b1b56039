/**
 * A tiny HTTP load balancer for the multi-instance test: one public URL (the issuer) in front of
 * several Sigil instances, one request after the other to the next instance. Like a real load
 * balancer it passes a request that could not even connect (the instance is gone) to the next
 * instance, but never resends one that reached an instance: that answers 502.
 */
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running proxy. */
export interface RoundRobinProxy {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Replace the instances behind the proxy (base URLs). */
  setTargets(targets: readonly string[]): void;
  /** Requests answered by each target so far, by base URL. */
  readonly answered: Map<string, number>;
  close(): Promise<void>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function forward(target: string, req: IncomingMessage, body: Buffer): Promise<IncomingMessage> {
  const u = new URL(req.url ?? '/', target);
  return new Promise((resolve, reject) => {
    const out = request(u, { method: req.method, headers: { ...req.headers, host: u.host }, agent }, (res) =>
      resolve(res),
    );
    out.once('error', reject);
    out.end(body);
  });
}

/** Start a proxy on an ephemeral port of 127.0.0.1. */
export async function startRoundRobinProxy(): Promise<RoundRobinProxy> {
  let targets: string[] = [];
  let next = 0;
  const answered = new Map<string, number>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    for (let attempt = 0; attempt < targets.length; attempt++) {
      const target = targets[next++ % targets.length]!;
      let upstream: IncomingMessage;
      try {
        upstream = await forward(target, req, body);
      } catch (e) {
        // Nothing reached an instance that refused the connection: try the next one.
        if ((e as NodeJS.ErrnoException).code === 'ECONNREFUSED') continue;
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`upstream ${target} failed: ${(e as Error).message}`);
        return;
      }
      answered.set(target, (answered.get(target) ?? 0) + 1);
      res.writeHead(upstream.statusCode ?? 502, upstream.headers);
      upstream.pipe(res);
      upstream.once('error', () => res.destroy());
      return;
    }
    res.writeHead(503, { 'content-type': 'text/plain' }).end('no instance available');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setTargets(t) {
      targets = [...t];
    },
    answered,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
