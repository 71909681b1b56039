// A minimal web application that signs users in with Sigil, using openid-client.
//
//   npm start                      # Sigil with the demo configuration on http://localhost:5000
//   node examples/web-app.mjs      # this app on http://localhost:3000
//
// Open http://localhost:3000, sign in as alice / alice, and the page shows the ID token's claims,
// the UserInfo answer and a working refresh. Environment: SIGIL_ISSUER, CLIENT_ID, CLIENT_SECRET, PORT.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import * as client from 'openid-client';

const issuer = new URL(process.env.SIGIL_ISSUER ?? 'http://localhost:5000');
const port = Number(process.env.PORT ?? 3000);
const redirectUri = `http://localhost:${port}/callback`;
const config = await client.discovery(
  issuer,
  process.env.CLIENT_ID ?? 'demo-web',
  process.env.CLIENT_SECRET ?? 'demo-web-secret',
  undefined,
  issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
);

// Sign-in state per browser, keyed by a random cookie. A real app keeps this in its session store.
const pending = new Map();
const sessions = new Map();
const cookie = (req, name) => new RegExp(`(?:^|; )${name}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];
const html = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (res, body) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><meta charset="utf-8"><title>Sigil demo app</title>${body}`);
};

createServer(async (req, res) => {
  const url = new URL(req.url, `http://localhost:${port}`);
  try {
    if (url.pathname === '/login') {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const id = randomBytes(16).toString('hex');
      pending.set(id, { verifier, state, nonce });
      const target = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: 'openid profile email offline_access demo.read',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      res.writeHead(303, { location: target.href, 'set-cookie': `login=${id}; HttpOnly; SameSite=Lax; Path=/` });
      return res.end();
    }
    if (url.pathname === '/callback') {
      const p = pending.get(cookie(req, 'login'));
      if (!p) return page(res, '<p>No sign-in in progress. <a href="/login">Sign in</a></p>');
      const tokens = await client.authorizationCodeGrant(config, url, {
        pkceCodeVerifier: p.verifier,
        expectedState: p.state,
        expectedNonce: p.nonce,
      });
      const id = randomBytes(16).toString('hex');
      sessions.set(id, tokens);
      res.writeHead(303, { location: '/', 'set-cookie': `app=${id}; HttpOnly; SameSite=Lax; Path=/` });
      return res.end();
    }
    const tokens = sessions.get(cookie(req, 'app'));
    if (url.pathname === '/logout' && tokens) {
      sessions.delete(cookie(req, 'app'));
      const end = client.buildEndSessionUrl(config, {
        id_token_hint: tokens.id_token,
        post_logout_redirect_uri: `http://localhost:${port}/`,
      });
      res.writeHead(303, { location: end.href });
      return res.end();
    }
    if (!tokens) return page(res, '<h1>Sigil demo app</h1><p><a href="/login">Sign in</a></p>');
    const claims = tokens.claims();
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    const refreshed = tokens.refresh_token ? await client.refreshTokenGrant(config, tokens.refresh_token) : undefined;
    if (refreshed) sessions.set(cookie(req, 'app'), refreshed);
    page(
      res,
      `<h1>Signed in as ${html(userinfo.name ?? claims.sub)}</h1>
       <h2>ID token claims</h2><pre>${html(JSON.stringify(claims, null, 2))}</pre>
       <h2>UserInfo</h2><pre>${html(JSON.stringify(userinfo, null, 2))}</pre>
       <p>Refresh: ${refreshed ? 'a new access token was issued' : 'no refresh token'}</p>
       <p><a href="/logout">Sign out</a></p>`,
    );
  } catch (e) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(`Sign-in failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}).listen(port, () => process.stdout.write(`Demo app on http://localhost:${port}\n`));
