import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const CLI = resolve(import.meta.dirname, '../../../src/host/cli/main.ts');
// The CLI runs from temporary directories, so tsx is imported by URL rather than by name.
const TSX = import.meta.resolve('tsx');

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** Run the CLI in `cwd`; resolves once `ready` matches stdout. */
function startCli(cwd: string, args: string[], env: Record<string, string>, ready: RegExp) {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd,
    env: { ...process.env, SIGIL_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const started = new Promise<string>((res, rej) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (ready.test(stdout)) res(stdout);
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('exit', (code) => rej(new Error(`sigil exited with ${code}: ${stderr}`)));
  });
  return { child, started, output: () => ({ stdout, stderr }) };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((res) => child.once('exit', (code) => res(code)));
}

describe('the standalone server with the demo configuration', () => {
  let cwd: string;
  let port: number;
  let run: ReturnType<typeof startCli>;
  let firstJwks: string;

  before(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'sigil-demo-'));
    port = await freePort();
    run = startCli(cwd, ['start'], { PORT: String(port) }, /Get a token:\n\s+curl[^\n]+\n/);
    await run.started;
    firstJwks = await (await fetch(`http://localhost:${port}/.well-known/openid-configuration/jwks`)).text();
  });
  after(() => {
    if (run.child.exitCode === null) run.child.kill('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('prints a curl line whose request returns a JWT that verifies against the JWKS', async () => {
    const { stdout } = run.output();
    const line = /curl -s -u (\S+):(\S+) -d grant_type=client_credentials -d scope=(\S+) (\S+)/.exec(stdout);
    assert.ok(line, stdout);
    const [, id, secret, scope, url] = line as unknown as [string, string, string, string, string];
    assert.equal(url, `http://localhost:${port}/connect/token`);
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: `grant_type=client_credentials&scope=${scope}`,
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { access_token: string };
    const jwks = createRemoteJWKSet(new URL(`http://localhost:${port}/.well-known/openid-configuration/jwks`));
    const { payload } = await jwtVerify(body.access_token, jwks, { issuer: `http://localhost:${port}`, typ: 'at+jwt' });
    assert.equal(payload.client_id, id);
  });

  it('keeps its data in ./data: an embedded SQLite database and the data-protection key', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(join(cwd, 'data'));
    assert.ok(files.includes('sigil.db'), files.join());
    assert.ok(files.includes('data-protection.key'), files.join());
  });

  it('shuts down gracefully on SIGTERM, finishing an in-flight request first', async () => {
    // A request that is really in flight: its headers and half its body reached the server before
    // SIGTERM, the rest arrives after. (A request sent on an idle keep-alive connection at the same
    // moment as SIGTERM may meet a closed socket; clients retry those.)
    const body = 'grant_type=client_credentials&client_id=demo-service&client_secret=demo-secret';
    const answer = new Promise<{ status: number; text: string }>((resolveAnswer, reject) => {
      const req = httpRequest(
        `http://localhost:${port}/connect/token`,
        {
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString('utf8');
          });
          res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 20));
      req.on('socket', (socket) =>
        socket.on('connect', () =>
          setTimeout(() => {
            run.child.kill('SIGTERM');
            setTimeout(() => req.end(body.slice(20)), 200);
          }, 200),
        ),
      );
    });
    const done = exited(run.child);
    const res = await answer;
    assert.equal(res.status, 200, res.text);
    assert.ok((JSON.parse(res.text) as { access_token?: string }).access_token);
    assert.equal(await done, 0);
  });

  it('serves the same JWKS after a restart on the same data directory', async () => {
    const again = startCli(cwd, ['start'], { PORT: String(port) }, /Get a token:/);
    try {
      await again.started;
      const jwks = await (await fetch(`http://localhost:${port}/.well-known/openid-configuration/jwks`)).text();
      assert.equal(jwks, firstJwks);
      const keys = (JSON.parse(jwks) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
      const list = startCli(cwd, ['keys', 'list'], {}, /\n.*\n/);
      await list.started.catch(() => undefined);
      await exited(list.child);
      for (const kid of keys) assert.ok(list.output().stdout.includes(kid), `${kid} in ${list.output().stdout}`);
    } finally {
      again.child.kill('SIGTERM');
      await exited(again.child);
    }
  });
});

describe('the sigil CLI', () => {
  it('prints the sha256 form of a secret', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sigil-cli-'));
    try {
      const run = startCli(cwd, ['hash-secret', 'demo-secret'], {}, /sha256:/);
      const out = await run.started;
      assert.equal(out.trim(), 'sha256:zVd/4lYev/I1BdsLsAYwDHzey9RrwOA8RJr6+sosJb8=');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('stops with a message naming the item and field for an invalid config file', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sigil-cli-'));
    try {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(
        join(cwd, 'sigil.config.json'),
        JSON.stringify({ issuer: 'http://localhost:1', clients: [{ clientId: 'svc', allowedGrantTypes: [] }] }),
      );
      const run = startCli(cwd, ['start'], {}, /never/);
      await assert.rejects(run.started, /client "svc": allowedGrantTypes must not be empty/);
      assert.equal(run.child.exitCode, 1);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
