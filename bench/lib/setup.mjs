/**
 * What every contender is configured with: the same clients, secrets, scope, resource and signing
 * keys. The orchestrator generates the keys once per run and hands this object to each server
 * process in the BENCH_SETUP environment variable.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';

/** The clients of the token scenarios; each authenticates with client_secret_basic. */
export const CLIENTS = {
  es256: { id: 'svc-es256', secret: 'svc-es256-secret-0123456789' },
  rs256: { id: 'svc-rs256', secret: 'svc-rs256-secret-0123456789' },
  reference: { id: 'svc-ref', secret: 'svc-ref-secret-0123456789' },
};

/** The API (RFC 8707 resource) every token is for, and the credentials it introspects with. */
export const API = { name: 'urn:orders', secret: 'orders-api-secret-0123456789', scope: 'orders.read' };

/** Fresh keys for one run: an ES256 (P-256) and an RS256 (2048-bit) key as private JWKs. */
export function newSetup() {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return {
    keys: {
      ES256: { ...ec, kid: 'bench-es256', alg: 'ES256', use: 'sig' },
      RS256: { ...rsa, kid: 'bench-rs256', alg: 'RS256', use: 'sig' },
    },
    masterKey: randomBytes(32).toString('base64'),
  };
}

/** The setup a server process was started with. */
export function readSetup() {
  return JSON.parse(process.env.BENCH_SETUP ?? '{}');
}

/** `Authorization: Basic` for an id and secret, each form-url-encoded first (RFC 6749 §2.3.1). */
export function basic(id, secret) {
  const enc = (s) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}`;
}

/**
 * Tell the parent the server listens, and answer its questions over the IPC channel: peak RSS,
 * CPU time used so far, and the server-specific calls in `extra`.
 */
export function reportReady(extra = {}) {
  const calls = { cpu: () => process.cpuUsage(), ...extra };
  process.on('message', async (m) => {
    if (m?.type === 'rss') {
      process.send({ type: 'rss', maxRss: process.resourceUsage().maxRSS * 1024, rss: process.memoryUsage().rss });
    } else if (m?.type === 'call' && typeof calls[m.name] === 'function') {
      try {
        process.send({ type: 'result', id: m.id, value: await calls[m.name](m.args) });
      } catch (e) {
        process.send({ type: 'result', id: m.id, error: String(e?.stack ?? e) });
      }
    }
  });
  // Exit normally (not killed) so that --cpu-prof and --prof can write their files.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  process.send({ type: 'ready' });
}
