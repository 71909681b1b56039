/**
 * The sign-in client of the flow suite: a browser-less user agent over node:http (keep-alive),
 * with a cookie jar that honours each cookie's Path, driving one authorization code + PKCE flow:
 * GET the authorize URL, follow same-origin redirects to the login page, post its form (every
 * hidden input, the CSRF token among them, plus username, password and button=login), follow the
 * redirects back until one goes to the client's redirect URI, check `state`, and exchange the code
 * at the token endpoint with client_secret_basic (for a returning user with the session cookie in
 * its jar: the authorize request straight to the code). A flow counts when the token answer holds an
 * access token and an ID token whose `nonce` is the one sent. Every contender gets the same client.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { basic, FLOW } from './setup.mjs';
import { quantile } from './stats.mjs';

const b64url = (n) => randomBytes(n).toString('base64url');

function send(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const r = request(url, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    r.on('error', reject);
    r.end(body);
  });
}

/** Cookies of one user agent, by name, with the Path they were set for. */
class CookieJar {
  #cookies = new Map();

  header(path) {
    const out = [];
    for (const [name, c] of this.#cookies) if (path.startsWith(c.path)) out.push(`${name}=${c.value}`);
    return out.join('; ');
  }

  store(setCookie = []) {
    for (const line of setCookie) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = '/';
      let expired = value === '';
      for (const a of attrs) {
        const [k, v = ''] = a.trim().split('=');
        const key = k.toLowerCase();
        if (key === 'path') path = v;
        else if (key === 'max-age' && Number(v) <= 0) expired = true;
        else if (key === 'expires' && Date.parse(v) <= Date.now()) expired = true;
      }
      if (expired) this.#cookies.delete(name);
      else this.#cookies.set(name, { value, path });
    }
  }
}

/** The action, method and hidden inputs of the first form in `html`. */
function readForm(html) {
  const start = html.indexOf('<form');
  if (start < 0) return undefined;
  const form = html.slice(start, html.indexOf('</form>', start));
  const tag = form.slice(0, form.indexOf('>'));
  const fields = {};
  for (const [input] of form.matchAll(/<input[^>]*>/g)) {
    if (!/type="hidden"/.test(input)) continue;
    const name = /name="([^"]*)"/.exec(input)?.[1];
    if (name) fields[name] = unescapeHtml(/value="([^"]*)"/.exec(input)?.[1] ?? '');
  }
  return { action: /action="([^"]*)"/.exec(tag)?.[1], fields };
}

function unescapeHtml(s) {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x2F;/gi, '/')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * One full sign-in of `user` at the server `base` whose endpoints are `contender.authorize` and
 * `contender.token`. Throws on anything but a successful flow. With `trace` (an array), each
 * request is recorded as "METHOD path -> status".
 *
 * `jar` (default: a fresh one) is the user agent's cookies, kept by the caller for a returning
 * user. With `sso`, the user must already be signed in at the provider (the jar holds its session
 * cookie): the authorize request must redirect straight to the client with a code, and any page
 * on the way (login or consent) fails the flow.
 */
export async function signIn(agent, base, contender, user, trace, { jar = new CookieJar(), sso = false } = {}) {
  const state = b64url(12);
  const nonce = b64url(12);
  const verifier = b64url(32);
  const query = new URLSearchParams({
    client_id: FLOW.client.id,
    redirect_uri: FLOW.client.redirectUri,
    response_type: 'code',
    scope: FLOW.scope,
    state,
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const go = async (url, init = {}) => {
    const u = new URL(url, base);
    const cookie = jar.header(u.pathname);
    const res = await send(agent, u.href, { ...init, headers: { ...init.headers, ...(cookie ? { cookie } : {}) } });
    jar.store(res.headers['set-cookie']);
    trace?.push(`${init.method ?? 'GET'} ${u.pathname} -> ${res.status}`);
    return { ...res, url: u.href };
  };
  let res = await go(`${contender.authorize}?${query}`);
  let posted = false;
  let code;
  for (let step = 0; step < 10 && code === undefined; step++) {
    if (res.status >= 300 && res.status < 400) {
      const location = new URL(res.headers.location, res.url).href;
      if (location.startsWith(FLOW.client.redirectUri)) {
        const params = new URL(location).searchParams;
        if (params.get('state') !== state) throw new Error(`state mismatch in ${location}`);
        code = params.get('code');
        if (!code) throw new Error(`no code in ${location}`);
      } else if (sso) throw new Error(`single sign-on: ${res.url} redirected to ${location}, not to the client`);
      else res = await go(location);
    } else if (res.status === 200 && !posted && !sso) {
      const form = readForm(res.body);
      if (!form) throw new Error(`no form at ${res.url}`);
      posted = true;
      const body = new URLSearchParams({
        ...form.fields,
        username: user.username,
        password: user.password,
        button: 'login',
      });
      res = await go(new URL(form.action ?? res.url, res.url).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      });
    } else throw new Error(`${res.url}: ${res.status} ${res.body.slice(0, 300)}`);
  }
  if (code === undefined) throw new Error('no code after 10 steps');
  const token = await send(agent, new URL(contender.token, base).href, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basic(FLOW.client.id, FLOW.client.secret),
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: FLOW.client.redirectUri,
      code_verifier: verifier,
    }).toString(),
  });
  trace?.push(`POST ${contender.token} -> ${token.status}`);
  if (token.status !== 200) throw new Error(`token: ${token.status} ${token.body}`);
  const { access_token, id_token } = JSON.parse(token.body);
  if (!access_token || !id_token) throw new Error(`token: ${token.body}`);
  const claims = JSON.parse(Buffer.from(id_token.split('.')[1], 'base64url').toString());
  if (claims.nonce !== nonce) throw new Error(`id_token nonce ${claims.nonce} is not ${nonce}`);
}

/**
 * `workers` user agents, each signing `user` in once (a full sign-in with the password check),
 * keeping its cookies: the returning users of the single sign-on variant. Returns their jars.
 */
export async function signInOnce(base, contender, user, { workers = 8 } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
  try {
    return await Promise.all(
      Array.from({ length: workers }, async () => {
        const jar = new CookieJar();
        await signIn(agent, base, contender, user, undefined, { jar });
        return jar;
      }),
    );
  } finally {
    agent.destroy();
  }
}

/**
 * `workers` parallel user agents signing `user` in, flow after flow, for `duration` seconds.
 * Returns flows/s, the total, and p50/p99 of a whole flow in milliseconds. With `jars` (from
 * `signInOnce`, one per worker), each worker is a returning user: every flow is single sign-on.
 */
export async function loadFlows(base, contender, user, { workers = 8, duration = 5, jars } = {}) {
  if (jars && jars.length !== workers) throw new Error(`${jars.length} signed-in user agents for ${workers} workers`);
  const agent = new Agent({ keepAlive: true, maxSockets: workers });
  const samples = [];
  const started = process.hrtime.bigint();
  const deadline = Date.now() + duration * 1000;
  const worker = async (_, i) => {
    const options = jars ? { jar: jars[i], sso: true } : undefined;
    while (Date.now() < deadline) {
      const t = process.hrtime.bigint();
      await signIn(agent, base, contender, user, undefined, options);
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    agent.destroy();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    rps: samples.length / seconds,
    total: samples.length,
    p50: Math.round(quantile(samples, 0.5)),
    p99: Math.round(quantile(samples, 0.99)),
  };
}
