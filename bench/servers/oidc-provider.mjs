/**
 * oidc-provider 9.13 for the benchmarks, configured like Sigil: client_credentials with
 * client_secret_basic, the same keys, JWT access tokens (RFC 9068) through resource indicators'
 * `getResourceServerInfo` with `accessTokenFormat: 'jwt'` and the client's algorithm, opaque
 * tokens for the reference client, introspection on. The resource server introspects as a client
 * named after the API. Storage is a Map-backed adapter: the bundled memory adapter is an LRU of
 * 1,000 to 2,000 entries that evicts under load (shared/reference/oidc-provider.md §5).
 *
 * For the flow suite: an authorization-code client with client_secret_basic, PKCE required, ES256
 * ID tokens, signed cookies, and a minimal interaction (login) page on its documented interaction
 * API: GET /interaction/:uid renders a form with a CSRF token (an HMAC of the interaction uid);
 * the POST checks the token, checks the password against the user's argon2id hash (the same PHC
 * hash Sigil checks), and finishes the interaction with the login and a Grant of the requested
 * scopes, which stands in for consent (the client needs none, as Sigil's bench client).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { verify } from '@node-rs/argon2';
import Provider from 'oidc-provider';
import { API, CLIENTS, FLOW, readSetup, reportReady } from '../lib/setup.mjs';

const setup = readSetup();
const entries = new Map();

/** The adapter interface (oidc-provider docs, example/my_adapter.js) over one Map. */
class MapAdapter {
  constructor(name) {
    this.name = name;
  }
  key(id) {
    return `${this.name}:${id}`;
  }
  async upsert(id, payload, expiresIn) {
    entries.set(this.key(id), { payload, exp: expiresIn ? Date.now() + expiresIn * 1000 : undefined });
  }
  async find(id) {
    const e = entries.get(this.key(id));
    return e && (e.exp === undefined || e.exp > Date.now()) ? e.payload : undefined;
  }
  async findByUid(uid) {
    for (const e of entries.values()) if (e.payload.uid === uid) return e.payload;
    return undefined;
  }
  async findByUserCode(userCode) {
    for (const e of entries.values()) if (e.payload.userCode === userCode) return e.payload;
    return undefined;
  }
  async consume(id) {
    const e = entries.get(this.key(id));
    if (e) e.payload.consumed = Math.floor(Date.now() / 1000);
  }
  async destroy(id) {
    entries.delete(this.key(id));
  }
  async revokeByGrantId(grantId) {
    for (const [k, e] of entries) if (e.payload.grantId === grantId) entries.delete(k);
  }
}

/** The flow suite's users by username, with the run's argon2id hashes. */
const users = new Map(
  Object.values(FLOW.users).map((u) => [u.username, { ...u, passwordHash: setup.passwordHashes[u.username] }]),
);
const accounts = new Map([...users.values()].map((u) => [u.subjectId, u]));

const client = (c) => ({
  client_id: c.id,
  client_secret: c.secret,
  grant_types: ['client_credentials'],
  response_types: [],
  redirect_uris: [],
  scope: API.scope,
});
const jwtAlg = { [CLIENTS.es256.id]: 'ES256', [CLIENTS.rs256.id]: 'RS256' };

const provider = new Provider(`http://127.0.0.1:${setup.port}`, {
  adapter: MapAdapter,
  jwks: { keys: [setup.keys.ES256, setup.keys.RS256] },
  clients: [
    client(CLIENTS.es256),
    client(CLIENTS.rs256),
    client(CLIENTS.reference),
    { client_id: API.name, client_secret: API.secret, grant_types: [], response_types: [], redirect_uris: [] },
    {
      client_id: FLOW.client.id,
      client_secret: FLOW.client.secret,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      redirect_uris: [FLOW.client.redirectUri],
      scope: FLOW.scope,
      token_endpoint_auth_method: 'client_secret_basic',
      id_token_signed_response_alg: 'ES256',
    },
  ],
  scopes: [API.scope],
  claims: { acr: null, auth_time: null, iss: null, sid: null, openid: ['sub'], profile: ['name'] },
  cookies: { keys: [setup.cookieKey] },
  pkce: { required: () => true },
  findAccount: (_ctx, sub) => {
    const account = accounts.get(sub);
    return account && { accountId: sub, claims: () => ({ sub, name: account.name }) };
  },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // The flow client's access token is for userinfo only (opaque), as without resource indicators.
      defaultResource: (_ctx, c) => (c.clientId === FLOW.client.id ? undefined : API.name),
      getResourceServerInfo: (_ctx, _resource, c) => {
        const alg = jwtAlg[c.clientId];
        return {
          scope: API.scope,
          audience: API.name,
          accessTokenTTL: 3600,
          accessTokenFormat: alg ? 'jwt' : 'opaque',
          ...(alg ? { jwt: { sign: { alg } } } : {}),
        };
      },
    },
  },
});
const csrfToken = (uid) => createHmac('sha256', setup.cookieKey).update(`login:${uid}`).digest('base64url');
const escapeHtml = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function loginPage(res, uid, status = 200) {
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>Sign in</title></head><body>
<form method="post" action="/interaction/${escapeHtml(uid)}">
<input type="hidden" name="csrf" value="${csrfToken(uid)}">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input type="password" name="password" autocomplete="current-password"></label>
<button name="button" value="login">Sign in</button>
</form></body></html>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

// Verified against when the username is unknown, so that both failures cost one argon2 run (as Sigil).
const dummyHash = setup.passwordHashes[FLOW.users.argon2.username];

/** GET|POST /interaction/:uid, the login prompt through provider.interactionDetails/interactionFinished. */
async function interaction(req, res) {
  const { uid, prompt, params } = await provider.interactionDetails(req, res);
  if (prompt.name !== 'login') throw new Error(`unexpected prompt ${prompt.name}`);
  if (req.method === 'GET') return loginPage(res, uid);
  if (req.method !== 'POST') return loginPage(res, uid, 405);
  const form = await readForm(req);
  const csrf = Buffer.from(form.get('csrf') ?? '');
  const expected = Buffer.from(csrfToken(uid));
  if (csrf.length !== expected.length || !timingSafeEqual(csrf, expected)) return loginPage(res, uid, 400);
  const user = users.get(form.get('username') ?? '');
  const ok = await verify(user?.passwordHash ?? dummyHash, form.get('password') ?? '').catch(() => false);
  if (!user || !ok) return loginPage(res, uid);
  const grant = new provider.Grant({ accountId: user.subjectId, clientId: params.client_id });
  grant.addOIDCScope(params.scope);
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: user.subjectId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

const handle = provider.callback();
const server = createServer((req, res) => {
  if (!req.url.startsWith('/interaction/')) return handle(req, res);
  interaction(req, res).catch((e) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(e?.message ?? e));
  });
});
server.keepAliveTimeout = 5000;
server.listen(setup.port, '127.0.0.1');
server.once('listening', () => reportReady());
