/**
 * A real web application for the journey test, built on openid-client as a user's app would be:
 * `/login` starts code + PKCE, `/callback` redeems the code, `/` calls userinfo and refreshes,
 * `/logout` sends the browser to the end-session endpoint, and `/front-channel` and
 * `/back-channel` receive logout notifications, which it records for the test.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';

/** What the app saw. */
export interface RelyingPartyLog {
  readonly frontChannel: URLSearchParams[];
  readonly backChannel: string[];
  readonly userinfo: Record<string, unknown>[];
  readonly refreshed: client.TokenEndpointResponse[];
  readonly signedIn: (client.TokenEndpointResponse & client.TokenEndpointResponseHelpers)[];
  readonly errors: string[];
}

/** A running app. */
export interface RelyingParty {
  readonly origin: string;
  readonly log: RelyingPartyLog;
  /** Connect to the issuer once it runs (discovery). */
  configure(issuer: string, clientId: string, secret: string): Promise<void>;
  close(): Promise<void>;
}

const cookie = (req: IncomingMessage, name: string) =>
  new RegExp(`(?:^|; )${name}=([^;]+)`).exec(req.headers.cookie ?? '')?.[1];

/** Start the app on 127.0.0.1. */
export async function startRelyingParty(): Promise<RelyingParty> {
  let config: client.Configuration | undefined;
  const pending = new Map<string, { verifier: string; state: string; nonce: string }>();
  const sessions = new Map<string, client.TokenEndpointResponse & client.TokenEndpointResponseHelpers>();
  const log: RelyingPartyLog = {
    frontChannel: [],
    backChannel: [],
    userinfo: [],
    refreshed: [],
    signedIn: [],
    errors: [],
  };
  let origin = '';

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const page = (body: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><meta charset="utf-8"><title>RP</title>${body}`);
    };
    try {
      if (!config) throw new Error('not configured');
      if (url.pathname === '/login') {
        const verifier = client.randomPKCECodeVerifier();
        const p = { verifier, state: client.randomState(), nonce: client.randomNonce() };
        const id = randomBytes(16).toString('hex');
        pending.set(id, p);
        const target = client.buildAuthorizationUrl(config, {
          redirect_uri: `${origin}/callback`,
          scope: 'openid profile email offline_access api.read',
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state: p.state,
          nonce: p.nonce,
        });
        res.writeHead(303, { location: target.href, 'set-cookie': `login=${id}; HttpOnly; Path=/` }).end();
        return;
      }
      if (url.pathname === '/callback') {
        const p = pending.get(cookie(req, 'login') ?? '');
        if (!p) throw new Error('no sign-in in progress');
        const tokens = await client.authorizationCodeGrant(config, url, {
          pkceCodeVerifier: p.verifier,
          expectedState: p.state,
          expectedNonce: p.nonce,
        });
        log.signedIn.push(tokens);
        const id = randomBytes(16).toString('hex');
        sessions.set(id, tokens);
        res.writeHead(303, { location: '/', 'set-cookie': `app=${id}; HttpOnly; Path=/` }).end();
        return;
      }
      if (url.pathname === '/front-channel') {
        log.frontChannel.push(url.searchParams);
        page('<p>front-channel logout received</p>');
        return;
      }
      if (url.pathname === '/back-channel' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += (chunk as Buffer).toString('utf8');
        log.backChannel.push(new URLSearchParams(body).get('logout_token') ?? '');
        res.writeHead(200).end();
        return;
      }
      if (url.pathname === '/signed-out') {
        page(
          `<h1 id="rp-signed-out">Signed out of the app</h1><p id="state">${url.searchParams.get('state') ?? ''}</p>`,
        );
        return;
      }
      const id = cookie(req, 'app') ?? '';
      const tokens = sessions.get(id);
      if (url.pathname === '/logout' && tokens) {
        sessions.delete(id);
        const end = client.buildEndSessionUrl(config, {
          id_token_hint: tokens.id_token!,
          post_logout_redirect_uri: `${origin}/signed-out`,
          state: 'rp-state',
        });
        res.writeHead(303, { location: end.href }).end();
        return;
      }
      if (!tokens) return page('<a id="sign-in" href="/login">Sign in</a>');
      const claims = tokens.claims()!;
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      log.userinfo.push(userinfo);
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token!);
      log.refreshed.push(refreshed);
      sessions.set(id, Object.assign(refreshed, { id_token: refreshed.id_token ?? tokens.id_token }));
      page(`<h1 id="who">${String(userinfo.name)}</h1><a id="sign-out" href="/logout">Sign out</a>`);
    } catch (e) {
      log.errors.push(String((e as Error)?.message ?? e));
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(e));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    log,
    async configure(issuer, clientId, secret) {
      config = await client.discovery(new URL(issuer), clientId, secret, undefined, {
        execute: [client.allowInsecureRequests],
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
