import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

/** A resolve hook that fails on any server framework, as if none were installed. */
const BLOCK_FRAMEWORKS = `
export async function resolve(specifier, context, next) {
  if (/^(express|fastify|koa|hono|@hono\\/)(\\/|$)/.test(specifier)) throw new Error('framework imported: ' + specifier);
  return next(specifier, context);
}`;

describe('sigil-identity/host', () => {
  it('loads and exposes every adapter with no server framework installed', () => {
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(BLOCK_FRAMEWORKS)}`)});`;
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        `data:text/javascript,${encodeURIComponent(register)}`,
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(entry)}); console.log(Object.keys(m).sort().join(' '));`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), 'captureRawBody sigilExpress sigilFastify sigilHono sigilKoa');
  });

  it('the resolve hook does block a framework import', () => {
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(BLOCK_FRAMEWORKS)}`)});`;
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        `data:text/javascript,${encodeURIComponent(register)}`,
        '--input-type=module',
        '-e',
        "await import('koa');",
      ],
      { encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)) },
    );
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /framework imported: koa/);
  });
});
