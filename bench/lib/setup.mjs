/**
 * What every contender is configured with: the same clients, secrets, scope, resource and signing
 * keys. The orchestrator generates the keys once per run and hands this object to each server
 * process in the BENCH_SETUP environment variable.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { hashSync } from '@node-rs/argon2';

/** The clients of the token scenarios; each authenticates with client_secret_basic. */
export const CLIENTS = {
  es256: { id: 'svc-es256', secret: 'svc-es256-secret-0123456789' },
  rs256: { id: 'svc-rs256', secret: 'svc-rs256-secret-0123456789' },
  reference: { id: 'svc-ref', secret: 'svc-ref-secret-0123456789' },
};

/** The API (RFC 8707 resource) every token is for, and the credentials it introspects with. */
export const API = { name: 'urn:orders', secret: 'orders-api-secret-0123456789', scope: 'orders.read' };

/**
 * The interactive (authorization code + PKCE) client of the flow suite, with client_secret_basic,
 * and the two users it signs in as. Both users exist on every contender with the same argon2id
 * PHC hash, so a password check costs the same everywhere: `alice` with argon2id's defaults as
 * Sigil hashes passwords (m=19456 KiB, t=2, p=1), `bob` with a cheap hash (m=1024 KiB, t=1, p=1)
 * that shows what the rest of the flow costs.
 */
export const FLOW = {
  client: { id: 'web-flow', secret: 'web-flow-secret-0123456789', redirectUri: 'https://client.bench/cb' },
  scope: 'openid profile',
  users: {
    argon2: { subjectId: 'alice-id', username: 'alice', password: 'alice-password-0123', name: 'Alice Smith' },
    cheap: { subjectId: 'bob-id', username: 'bob', password: 'bob-password-0123', name: 'Bob Jones' },
  },
};
const CHEAP_HASH = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

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
    passwordHashes: {
      [FLOW.users.argon2.username]: hashSync(FLOW.users.argon2.password),
      [FLOW.users.cheap.username]: hashSync(FLOW.users.cheap.password, CHEAP_HASH),
    },
    cookieKey: randomBytes(32).toString('base64url'),
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
