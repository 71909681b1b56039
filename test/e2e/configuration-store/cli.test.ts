import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { basic, postForm } from '../support/start-server.js';
import { rawItem } from './two-instances.case.js';

const CLI = resolve(import.meta.dirname, '../../../src/host/cli/main.ts');
const TSX = import.meta.resolve('tsx');

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

/** Run a one-shot CLI command to completion. */
function sigil(cwd: string, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((res) => child.once('close', (code) => res({ code, stdout, stderr })));
}

/** Retry `probe` until it returns true; the deadline only bounds a failing test. */
async function eventually(probe: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await probe())) {
    if (Date.now() > deadline) assert.fail(`never happened: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const client = (clientId: string, secret: string) => ({
  clientId,
  clientSecrets: [{ value: secret }],
  allowedGrantTypes: ['client_credentials'],
  allowedScopes: ['api'],
});

describe('sigil clients against a SQLite data directory', () => {
  let cwd: string;
  let port: number;
  let server: ChildProcess | undefined;
  const token = async (id: string, secret: string) =>
    postForm(
      `http://localhost:${port}/connect/token`,
      { grant_type: 'client_credentials' },
      { authorization: basic(id, secret) },
    );

  before(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'sigil-clients-cli-'));
    port = await freePort();
    const config = {
      issuer: `http://localhost:${port}`,
      port,
      store: { type: 'sqlite' },
      configurationStore: { enabled: true, refreshInterval: 1 },
      apiScopes: [{ name: 'api' }],
      logLevel: 'warn',
    };
    writeFileSync(join(cwd, 'sigil.config.json'), JSON.stringify(config));
    writeFileSync(join(cwd, 'first.json'), JSON.stringify(client('cli-first', 'first-secret')));
    writeFileSync(join(cwd, 'second.json'), JSON.stringify([client('cli-second', 'second-secret')]));
  });
  after(() => {
    if (server?.exitCode === null) server.kill('SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('adds a client that a server started on the directory then issues a token to', async () => {
    const added = await sigil(cwd, 'clients', 'add', '--file', 'first.json');
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Added client "cli-first"\./);
    const row = await rawItem({ type: 'sqlite', path: join(cwd, 'data', 'sigil.db') }, 'client', 'cli-first');
    assert.ok(row && !row.includes('first-secret') && row.includes('sha256:'), row);

    const child = spawn(process.execPath, ['--import', TSX, CLI, 'start'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    server = child;
    await new Promise<void>((res, rej) => {
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('Sigil is listening')) res();
      });
      child.once('exit', (code) => rej(new Error(`sigil start exited with ${code}`)));
    });
    const res = await token('cli-first', 'first-secret');
    assert.equal(res.status, 200, res.text);
  });

  it('lets the running server pick up a client added and one removed by the CLI at its next refresh', async () => {
    assert.equal((await token('cli-second', 'second-secret')).body.error, 'invalid_client');
    const added = await sigil(cwd, 'clients', 'add', '--file', 'second.json');
    assert.equal(added.code, 0, added.stderr);
    await eventually(
      async () => (await token('cli-second', 'second-secret')).status === 200,
      'cli-second gets a token',
    );

    const removed = await sigil(cwd, 'clients', 'remove', 'cli-first');
    assert.equal(removed.code, 0, removed.stderr);
    assert.match(removed.stdout, /Removed client "cli-first" and its 0 persisted grant\(s\)\./);
    await eventually(
      async () => (await token('cli-first', 'first-secret')).body.error === 'invalid_client',
      'cli-first is refused',
    );
  });

  it('lists file and database clients, and refuses an invalid client with the item and field named', async () => {
    const listed = await sigil(cwd, 'clients', 'list');
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^cli-second\tdatabase\tyes\tclient_credentials\tapi\tok$/m);
    writeFileSync(join(cwd, 'bad.json'), JSON.stringify({ ...client('cli-bad', 'x'), allowedScopes: ['nope'] }));
    const bad = await sigil(cwd, 'clients', 'add', '--file', 'bad.json');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /client "cli-bad": allowedScopes "nope" is not a defined identity resource or API scope/);
  });
});
