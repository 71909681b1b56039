/**
 * The practical limit: a hand-written node:http token endpoint that does only the unavoidable
 * work. It parses the form and the Basic header, checks a SHA-256 secret digest with
 * timingSafeEqual, and signs an RFC 9068 JWT with a node:crypto KeyObject (the same claims Sigil
 * puts in its tokens), or stores a reference handle under its SHA-256 in a Map. POST /introspect
 * authenticates the API the same way and looks the handle up. No validation beyond that.
 */
import { createHash, createPrivateKey, randomBytes, sign, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { API, CLIENTS, readSetup, reportReady } from '../lib/setup.mjs';

const setup = readSetup();
const issuer = `http://127.0.0.1:${setup.port}`;
const sha256 = (s) => createHash('sha256').update(s).digest();
const b64json = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');

const signers = {};
for (const alg of ['ES256', 'RS256']) {
  const jwk = setup.keys[alg];
  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  signers[alg] = {
    header: b64json({ alg, typ: 'at+jwt', kid: jwk.kid }),
    options: alg === 'ES256' ? { key, dsaEncoding: 'ieee-p1363' } : key,
  };
}
const clients = new Map(
  [
    [CLIENTS.es256, 'ES256'],
    [CLIENTS.rs256, 'RS256'],
    [CLIENTS.reference, 'reference'],
  ].map(([c, format]) => [c.id, { id: c.id, digest: sha256(c.secret), format }]),
);
const apiDigest = sha256(API.secret);
const references = new Map();

function credentials(req) {
  const h = req.headers.authorization;
  if (!h?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(h.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
}

function send(res, status, body) {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function token(res, form, creds) {
  const client = creds && clients.get(creds.id);
  if (!client || !timingSafeEqual(sha256(creds.secret), client.digest))
    return send(res, 401, '{"error":"invalid_client"}');
  if (form.get('grant_type') !== 'client_credentials') return send(res, 400, '{"error":"unsupported_grant_type"}');
  if (form.get('scope') !== API.scope) return send(res, 400, '{"error":"invalid_scope"}');
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: issuer,
    nbf: now,
    iat: now,
    exp: now + 3600,
    aud: API.name,
    sub: client.id,
    client_id: client.id,
    jti: randomBytes(16).toString('base64url'),
    scope: [API.scope],
  };
  let accessToken;
  if (client.format === 'reference') {
    accessToken = randomBytes(32).toString('base64url');
    references.set(sha256(accessToken).toString('base64url'), JSON.stringify(claims));
  } else {
    const s = signers[client.format];
    const input = `${s.header}.${b64json(claims)}`;
    accessToken = `${input}.${sign('sha256', Buffer.from(input), s.options).toString('base64url')}`;
  }
  send(
    res,
    200,
    JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600, scope: API.scope }),
  );
}

function introspect(res, form, creds) {
  if (creds?.id !== API.name || !timingSafeEqual(sha256(creds.secret), apiDigest))
    return send(res, 401, '{"error":"invalid_client"}');
  const stored = references.get(sha256(form.get('token') ?? '').toString('base64url'));
  const claims = stored && JSON.parse(stored);
  if (!claims || claims.exp <= Date.now() / 1000) return send(res, 200, '{"active":false}');
  send(res, 200, JSON.stringify({ ...claims, scope: claims.scope.join(' '), active: true, token_type: 'Bearer' }));
}

const server = createServer({ keepAliveTimeout: 5000 }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    if (req.method === 'POST' && req.url === '/token') token(res, form, credentials(req));
    else if (req.method === 'POST' && req.url === '/introspect') introspect(res, form, credentials(req));
    else send(res, 404, '{"error":"not_found"}');
  });
});
server.listen(setup.port, '127.0.0.1', () => reportReady());
