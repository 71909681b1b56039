/**
 * Restart durability of what interactive sign-in stores: after the real `sigil` process restarts
 * on the same data directory, a refresh token issued before still refreshes, and the browser's
 * login session still signs the user in without a prompt.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatHashedSecret } from '../../../src/crypto/secrets.js';
import { Browser } from '../sign-in/browser.js';
import { allowConsent, authorizeUrl, authorizeWithLogin, PKCE, responseParams } from '../sign-in/fixture.js';
import { type SigilProcess, startSigil } from '../support/sigil-process.js';
import { basic, postForm } from '../support/start-server.js';

const CALLBACK = 'https://web.restart.test/cb';
const WEB = { id: 'web', secret: 'web-secret' };

const configuration = (issuer: string) => ({
  issuer,
  keyManagement: { signingAlgorithms: ['ES256'] },
  apiScopes: [{ name: 'api.read' }],
  apiResources: [{ name: 'api', scopes: ['api.read'] }],
  clients: [
    {
      clientId: WEB.id,
      clientSecrets: [{ value: formatHashedSecret(WEB.secret) }],
      allowedGrantTypes: ['authorization_code'],
      redirectUris: [CALLBACK],
      allowOfflineAccess: true,
      allowedScopes: ['openid', 'profile', 'offline_access', 'api.read'],
    },
  ],
  users: [{ subjectId: 'alice-id', username: 'alice', password: 'alice-pw', claims: { name: 'Alice' } }],
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('restart durability of sign-in artifacts', { timeout: 300_000 }, () => {
  let root: string;
  let config: string;
  let port: number;
  let ISSUER: string;
  const running: SigilProcess[] = [];
  const start = async (name: string) => {
    // Both processes listen on the issuer's port, so the browser's cookie and the tokens stay valid.
    const s = await startSigil(name, config, { cwd: root, port });
    running.push(s);
    return s;
  };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'sigil-signin-restart-'));
    config = join(root, 'sigil.config.json');
    port = await freePort();
    ISSUER = `http://127.0.0.1:${port}`;
    await writeFile(config, JSON.stringify(configuration(ISSUER)));
  });
  after(async () => {
    await Promise.all(running.map((s) => s.stop('SIGKILL')));
    await rm(root, { recursive: true, force: true });
  });

  it('keeps refresh tokens and login sessions working across a restart on the same data directory', async () => {
    const first = await start('signin-1');
    const browser = new Browser(ISSUER);
    const url = authorizeUrl(ISSUER, {
      client_id: WEB.id,
      redirect_uri: CALLBACK,
      scope: 'openid profile offline_access api.read',
    });
    const afterLogin = await authorizeWithLogin(browser, url);
    const done = afterLogin.status === 200 ? await allowConsent(browser, afterLogin) : afterLogin;
    const code = responseParams(done.location).get('code')!;
    const tokens = await postForm(
      `${ISSUER}/connect/token`,
      { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: PKCE.verifier },
      { authorization: basic(WEB.id, WEB.secret) },
    );
    assert.equal(tokens.status, 200, tokens.text);
    const refreshToken = tokens.body.refresh_token as string;
    assert.ok(refreshToken);
    assert.deepEqual(await first.stop('SIGTERM'), { code: 0, signal: null });

    await start('signin-2');
    const refreshed = await postForm(
      `${ISSUER}/connect/token`,
      { grant_type: 'refresh_token', refresh_token: refreshToken },
      { authorization: basic(WEB.id, WEB.secret) },
    );
    assert.equal(refreshed.status, 200, refreshed.text);
    assert.ok(refreshed.body.access_token);
    assert.ok(refreshed.body.id_token);

    const silent = await browser.get(
      authorizeUrl(ISSUER, { client_id: WEB.id, redirect_uri: CALLBACK, prompt: 'none' }),
    );
    assert.equal(silent.status, 303);
    assert.ok(responseParams(silent.location).get('code'), `the session survived: ${silent.location}`);
  });
});
