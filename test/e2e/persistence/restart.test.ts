/**
 * Restart durability of the real `sigil` process: after a restart on the same data directory
 * (SQLite) or the same database (PostgreSQL, from another directory), the JWKS is unchanged and
 * tokens issued before still introspect. A restart with another master key refuses to start,
 * says why, and damages nothing.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatHashedSecret } from '../../../src/crypto/secrets.js';
import { type ThrowawayDatabase, throwawayDatabase } from '../../../src/stores/sql/test-databases.case.js';
import { runSigil, type SigilProcess, startSigil } from '../support/sigil-process.js';
import { basic, postForm } from '../support/start-server.js';

const ISSUER = 'https://login.persistence.test';
const CLIENT = { id: 'svc-ref', secret: 'svc-ref-secret' };
const JWT_CLIENT = { id: 'svc-jwt', secret: 'svc-jwt-secret' };
const API = { id: 'orders', secret: 'orders-api-secret' };

function configuration(store: object): object {
  return {
    issuer: ISSUER,
    store,
    keyManagement: { signingAlgorithms: ['ES256'] },
    apiScopes: [{ name: 'orders.read' }],
    apiResources: [{ name: API.id, scopes: ['orders.read'], apiSecrets: [{ value: formatHashedSecret(API.secret) }] }],
    clients: [
      {
        clientId: CLIENT.id,
        clientSecrets: [{ value: formatHashedSecret(CLIENT.secret) }],
        accessTokenType: 'reference',
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read'],
      },
      {
        clientId: JWT_CLIENT.id,
        clientSecrets: [{ value: formatHashedSecret(JWT_CLIENT.secret) }],
        allowedGrantTypes: ['client_credentials'],
        allowedScopes: ['orders.read'],
      },
    ],
  };
}

const issue = async (s: SigilProcess, client: { id: string; secret: string }) => {
  const r = await postForm(
    `${s.url}/connect/token`,
    { grant_type: 'client_credentials', scope: 'orders.read' },
    { authorization: basic(client.id, client.secret) },
  );
  assert.equal(r.status, 200, r.text);
  return r.body.access_token as string;
};
const introspect = (s: SigilProcess, token: string) =>
  postForm(`${s.url}/connect/introspect`, { token }, { authorization: basic(API.id, API.secret) });
/** The key table `sigil keys list` printed, without log lines. */
const keyTable = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l && !l.startsWith('{'))
    .join('\n');
const jwks = async (s: SigilProcess) => (await fetch(`${s.url}/.well-known/openid-configuration/jwks`)).text();

/** Issue a reference and a JWT token on `s`, and what its JWKS was, then stop it with SIGTERM. */
async function issueAndStop(s: SigilProcess) {
  const state = { reference: await issue(s, CLIENT), jwt: await issue(s, JWT_CLIENT), jwks: await jwks(s) };
  const exit = await s.stop('SIGTERM');
  assert.deepEqual(exit, { code: 0, signal: null });
  return state;
}

/** Assert that `s` serves `before.jwks` and that both tokens are active on it. */
async function assertSurvived(s: SigilProcess, before: { reference: string; jwt: string; jwks: string }) {
  assert.equal(await jwks(s), before.jwks, 'the JWKS changed across the restart');
  for (const token of [before.reference, before.jwt]) {
    const r = await introspect(s, token);
    assert.equal(r.body.active, true, r.text);
    assert.equal(r.body.client_id, token === before.jwt ? JWT_CLIENT.id : CLIENT.id);
  }
}

describe('restart durability', { timeout: 600_000 }, () => {
  let root: string;
  const running: SigilProcess[] = [];
  const start = async (name: string, config: string, cwd: string, env: Record<string, string> = {}) => {
    const s = await startSigil(name, config, { cwd, env });
    running.push(s);
    return s;
  };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'sigil-persist-'));
  });
  after(async () => {
    await Promise.all(running.map((s) => s.stop('SIGKILL')));
    await rm(root, { recursive: true, force: true });
  });

  it('SQLite: the same data directory keeps the JWKS and the tokens', async () => {
    const cwd = join(root, 'sqlite');
    const config = join(root, 'sqlite.json');
    await writeFile(config, JSON.stringify(configuration({ type: 'sqlite' })));
    const before = await issueAndStop(await start('sqlite-1', config, cwd));
    const again = await start('sqlite-2', config, cwd);
    await assertSurvived(again, before);
    assert.deepEqual(await again.stop('SIGTERM'), { code: 0, signal: null });
  });

  it('SQLite: a lost key file stops the restart with the fix, and restoring it restores everything', async () => {
    const cwd = join(root, 'sqlite-lost');
    const config = join(root, 'sqlite-lost.json');
    await writeFile(config, JSON.stringify(configuration({ type: 'sqlite' })));
    const before = await issueAndStop(await start('lost-1', config, cwd));
    const keyFile = join(cwd, 'data', 'data-protection.key');
    const original = await readFile(keyFile);
    await unlink(keyFile);
    await assert.rejects(start('lost-2', config, cwd), (e: Error) => {
      assert.match(
        e.message,
        /cannot unwrap any of the 1 data-protection key\(s\) stored for application "sigil:https:\/\/login\.persistence\.test"/,
      );
      assert.match(e.message, /a new key file .*data-protection\.key, created at this start because none was found/);
      assert.match(e.message, /Start every instance with the original master key/);
      return true;
    });
    await writeFile(keyFile, original);
    await assertSurvived(await start('lost-3', config, cwd), before);
  });

  describe('on PostgreSQL', () => {
    let database: ThrowawayDatabase | undefined;
    let config: string;
    const env = { SIGIL_DATA_PROTECTION_KEY: randomBytes(32).toString('base64') };

    before(async () => {
      database = await throwawayDatabase('postgres');
      if (!database) return;
      config = join(root, 'postgres.json');
      await writeFile(config, JSON.stringify(configuration({ type: 'postgres', url: database.options.url })));
    });
    after(() => database?.drop());

    it('a restart from another directory keeps the JWKS and the tokens; another master key refuses to start', async (t) => {
      if (!database) return t.skip('PostgreSQL is unreachable');
      const before = await issueAndStop(await start('pg-1', config, join(root, 'pg-first'), env));
      const cliKeys = await runSigil(['keys', 'list', '--config', config], { cwd: join(root, 'pg-ops'), env });
      assert.equal(cliKeys.code, 0, cliKeys.stderr);

      const wrongKey = { SIGIL_DATA_PROTECTION_KEY: randomBytes(32).toString('base64') };
      await assert.rejects(start('pg-wrong', config, join(root, 'pg-wrong'), wrongKey), (e: Error) => {
        assert.match(
          e.message,
          /data-protection master key \(from the environment variable SIGIL_DATA_PROTECTION_KEY\)/,
        );
        assert.match(e.message, /stored for application "sigil:https:\/\/login\.persistence\.test"/);
        assert.match(e.message, /tokens issued before would stop validating/);
        return true;
      });
      const wrongCli = await runSigil(['keys', 'list', '--config', config], {
        cwd: join(root, 'pg-ops'),
        env: wrongKey,
      });
      assert.notEqual(wrongCli.code, 0);
      assert.match(wrongCli.stderr, /cannot unwrap any of the/);

      // Nothing was damaged: with the right key, from yet another directory, everything is there.
      const again = await start('pg-2', config, join(root, 'pg-second'), env);
      await assertSurvived(again, before);
      const keysAfter = await runSigil(['keys', 'list', '--config', config], { cwd: join(root, 'pg-ops'), env });
      assert.equal(keyTable(keysAfter.stdout), keyTable(cliKeys.stdout), 'the stored signing keys changed');
      assert.match(keyTable(cliKeys.stdout), /\tES256\tcurrent\t/);
    });
  });
});
