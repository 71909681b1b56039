/**
 * Starts a real Sigil server on a real `node:http` socket on 127.0.0.1 and an ephemeral port,
 * with the issuer set to the URL it listens on. The socket is bound first, so the port is known
 * before the server is created and no other process can take it meanwhile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createIdentityServer } from '../../../src/server/create-identity-server.js';
import type { CreateIdentityServerOptions, IdentityServer } from '../../../src/server/types.js';

/** A running test server. */
export interface TestServer {
  readonly issuer: string;
  readonly sigil: IdentityServer;
  /** The temporary data directory (master key file, SQLite file). */
  readonly dataDir: string;
  close(): Promise<void>;
}

/** Start a server; `options` is everything but the issuer, which is the listening URL. */
export async function startServer(options: Omit<CreateIdentityServerOptions, 'issuer'> = {}): Promise<TestServer> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const http = createServer((req, res) => handler?.(req, res));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'sigil-e2e-'));
  let sigil: IdentityServer;
  try {
    sigil = await createIdentityServer({
      store: { type: 'memory' },
      logger: pino({ level: process.env.SIGIL_TEST_LOG_LEVEL ?? 'silent' }),
      dataDir,
      ...options,
      issuer,
    });
  } catch (e) {
    http.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  handler = sigil.handler;
  return {
    issuer,
    sigil,
    dataDir,
    async close() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await sigil.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POST a form to `url`; returns status, headers and the parsed JSON body (or text). */
export async function postForm(
  url: string,
  form: Record<string, string | string[]> | string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown>; text: string }> {
  const body =
    typeof form === 'string'
      ? form
      : new URLSearchParams(
          Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
        ).toString();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
  });
  const text = await res.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    parsed = {};
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

/** The `Authorization: Basic` header value for a client id and secret (RFC 6749 §2.3.1 encoding). */
export function basic(id: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s);
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}`;
}
