/**
 * Test support for sessions: a real server context (memory stores, real data protection) with a
 * settable clock, and a helper that turns `Set-Cookie` values into a `Cookie` request header.
 */
import pino from 'pino';
import type { AuthenticationInput } from '../config/types.js';
import type { ServerContext } from '../context.js';
import { createIdentityServer } from '../server/create-identity-server.js';
import type { IdentityServer } from '../server/types.js';

/** A context with a clock the test moves. */
export async function startSessionContext(
  authentication: AuthenticationInput = {},
  issuer = 'https://op.test',
  applicationName = 'sigil-test',
): Promise<{ server: IdentityServer; ctx: ServerContext; clock: { now: number }; logs: Record<string, unknown>[] }> {
  const clock = { now: Math.floor(Date.now() / 1000) };
  const logs: Record<string, unknown>[] = [];
  const sink = { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) };
  const server = await createIdentityServer({
    issuer,
    store: { type: 'memory' },
    dataProtection: { masterKey: Buffer.alloc(32, 3).toString('base64'), applicationName },
    keyManagement: { signingAlgorithms: ['ES256'] },
    backgroundJobs: false,
    logger: pino({ level: 'warn' }, sink),
    authentication,
    now: () => clock.now,
  });
  return { server, ctx: server.context, clock, logs };
}

/** The `name=value` pairs of `Set-Cookie` values, as a request's headers (deleted cookies dropped). */
export function cookieHeader(setCookies: readonly string[]): { headers: { cookie: string } } {
  const jar = new Map<string, string>();
  for (const c of setCookies) {
    const [pair] = c.split(';');
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    if (value === '' || /Max-Age=0(;|$)/.test(c)) jar.delete(name);
    else jar.set(name, value);
  }
  return { headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } };
}
