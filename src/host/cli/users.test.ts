import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { validateOptions } from '../../config/validate-options.js';
import { openStores } from '../../server/open-stores.js';
import { createDefaultUserStore } from '../../users/default-user-store.js';
import type { LoadedConfig } from './load-config.js';
import { parseClaims, usersCommand } from './users.js';

describe('sigil users add', () => {
  let dir: string;
  let config: LoadedConfig;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sigil-users-'));
    config = {
      options: { issuer: 'http://localhost:5000', dataDir: dir, store: { type: 'sqlite' }, logLevel: 'silent' },
      port: 5000,
      demo: false,
    };
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function login(username: string, password: string) {
    const resolved = validateOptions(config.options);
    const stores = await openStores(resolved, pino({ level: 'silent' }));
    try {
      const users = await createDefaultUserStore([], stores.users);
      const record = await stores.users.findByUsername(username);
      return { user: await users.validateCredentials(username, password), record };
    } finally {
      await stores.close();
    }
  }

  it('adds a user with an argon2id hash and claims, who can then sign in', async () => {
    const code = await usersCommand(config, 'add', {
      username: 'carol',
      password: 'correct horse',
      subject: 'sub-carol',
      claim: ['name=Carol Jones', 'email_verified=true', 'role=admin', 'role=auditor'],
    });
    assert.equal(code, 0);
    const { user, record } = await login('carol', 'correct horse');
    assert.equal(user?.subjectId, 'sub-carol');
    assert.match(record!.passwordHash, /^\$argon2id\$/);
    assert.deepEqual(record!.claims, { name: 'Carol Jones', email_verified: true, role: ['admin', 'auditor'] });
    assert.equal((await login('carol', 'wrong')).user, undefined);
  });

  it('reads the password from standard input when --password is not given', async () => {
    const code = await usersCommand(config, 'add', { username: 'dan' }, Readable.from(['s3cret from stdin\n']));
    assert.equal(code, 0);
    const { user } = await login('dan', 's3cret from stdin');
    assert.match(user?.subjectId ?? '', /^[0-9a-f-]{36}$/);
  });

  it('refuses a duplicate username, an empty password, bad claims and the memory store', async () => {
    assert.equal(await usersCommand(config, 'add', { username: 'CAROL', password: 'x' }), 1);
    assert.equal(await usersCommand(config, 'add', { username: 'erin' }, Readable.from([''])), 2);
    assert.equal(await usersCommand(config, 'add', { username: 'erin', password: 'x', claim: ['nope'] }), 2);
    assert.equal(await usersCommand(config, 'add', { password: 'x' }), 2);
    assert.equal(await usersCommand(config, 'remove', { username: 'x' }), 2);
    const memory = { ...config, options: { ...config.options, store: { type: 'memory' as const } } };
    assert.equal(await usersCommand(memory, 'add', { username: 'erin', password: 'x' }), 2);
  });

  it('parses claims as strings, booleans and repeated lists', () => {
    assert.deepEqual(parseClaims(['a=1', 'b=false', 'c=x=y']), { a: '1', b: false, c: 'x=y' });
    assert.equal(typeof parseClaims(['=x']), 'string');
  });
});
