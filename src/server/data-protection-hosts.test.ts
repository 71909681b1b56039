/**
 * The same application name works across processes in different working directories (so with
 * different default data directories) and on different hosts (a child in its own UTS namespace
 * with another hostname, where `unshare` is allowed): nothing in data protection is derived from
 * a path or a machine. Only the issuer, the store and the master key are shared.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./protect-in-child.case.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

interface ChildReport {
  applicationName: string;
  hostname: string;
  cwd: string;
  jwks: string;
  out: string;
}

describe('data protection across directories and hosts', () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let unshareWorks = false;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'sigil-hosts-'));
    env = {
      ...process.env,
      CHILD_ISSUER: 'https://login.hosts.test',
      CHILD_STORE: join(root, 'shared', 'sigil.db'),
      SIGIL_DATA_PROTECTION_KEY: randomBytes(32).toString('base64'),
    };
    delete env.NODE_ENV;
    unshareWorks = await run('unshare', ['--uts', 'sh', '-c', 'hostname sigil-probe']).then(
      () => true,
      () => false,
    );
  });
  after(() => rm(root, { recursive: true, force: true }));

  async function child(dir: string, args: string[], host?: string): Promise<ChildReport> {
    const cwd = join(root, dir);
    await import('node:fs/promises').then((fs) => fs.mkdir(cwd, { recursive: true }));
    const node = [process.execPath, '--import', TSX, SCRIPT, ...args];
    const { stdout } =
      host && unshareWorks
        ? await run('unshare', ['--uts', 'sh', '-c', `hostname ${host} && exec "$@"`, 'sh', ...node], { cwd, env })
        : await run(node[0]!, node.slice(1), { cwd, env: { ...env, HOSTNAME: host ?? env.HOSTNAME } });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildReport;
  }

  it('a value protected in one directory on one host is read in another directory on another host', {
    timeout: 120_000,
  }, async (t) => {
    if (!unshareWorks) t.diagnostic('unshare --uts is not permitted here: the "other host" differs by HOSTNAME only');
    const a = await child('instance-a', ['protect', 'hello from A']);
    const b = await child('instance-b/nested', ['unprotect', a.out], 'sigil-host-b');
    const back = await child('instance-c', ['protect', 'hello from C'], 'sigil-host-c');
    const c = await child('instance-a', ['unprotect', back.out]);
    assert.equal(b.out, 'hello from A');
    assert.equal(c.out, 'hello from C');
    assert.notEqual(a.cwd, b.cwd);
    if (unshareWorks) {
      assert.equal(b.hostname, 'sigil-host-b');
      assert.notEqual(a.hostname, b.hostname);
      assert.equal(a.hostname, hostname());
    }
    assert.equal(a.applicationName, 'sigil:https://login.hosts.test');
    for (const r of [b, back, c]) {
      assert.equal(r.applicationName, a.applicationName);
      assert.equal(r.jwks, a.jwks, 'every process serves the same signing keys');
    }
  });
});
