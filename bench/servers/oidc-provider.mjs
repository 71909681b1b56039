/**
 * oidc-provider 9.13 for the benchmarks, configured like Sigil: client_credentials with
 * client_secret_basic, the same keys, JWT access tokens (RFC 9068) through resource indicators'
 * `getResourceServerInfo` with `accessTokenFormat: 'jwt'` and the client's algorithm, opaque
 * tokens for the reference client, introspection on. The resource server introspects as a client
 * named after the API. Storage is a Map-backed adapter: the bundled memory adapter is an LRU of
 * 1,000 to 2,000 entries that evicts under load (shared/reference/oidc-provider.md §5).
 */
import Provider from 'oidc-provider';
import { API, CLIENTS, readSetup, reportReady } from '../lib/setup.mjs';

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
  ],
  scopes: [API.scope],
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => API.name,
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
const server = provider.listen(setup.port, '127.0.0.1');
server.keepAliveTimeout = 5000;
server.once('listening', () => reportReady());
