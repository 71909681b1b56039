/**
 * Starts one contender in its own process (child_process.fork, with an IPC channel), waits until
 * it listens, and stops it. Each measurement gets a fresh process.
 */
import { fork } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** A free loopback port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Start `bench/servers/<script>.mjs` with `setup` (plus a fresh port). Resolves with
 * `{ url, pid, call(name, args), rss(), stop() }` once the server reports it listens.
 */
export async function startServer(script, setup, { execArgv = [], timeoutMs = 60_000 } = {}) {
  const port = await freePort();
  const path = fileURLToPath(new URL(`../servers/${script}.mjs`, import.meta.url));
  const child = fork(path, [], {
    execArgv,
    env: { ...process.env, NODE_ENV: 'production', BENCH_SETUP: JSON.stringify({ ...setup, port }) },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  const pending = new Map();
  let nextId = 0;
  let rssWaiter;
  child.on('message', (m) => {
    if (m?.type === 'result') {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.error) p?.reject(new Error(m.error));
      else p?.resolve(m.value);
    } else if (m?.type === 'rss') rssWaiter?.(m);
  });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in time:\n${stderr}`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before listening:\n${stderr}`));
    });
    child.on('message', (m) => {
      if (m?.type === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  child.removeAllListeners('exit');
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    stderr: () => stderr,
    call(name, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ type: 'call', id, name, args });
      });
    },
    rss() {
      return new Promise((resolve) => {
        rssWaiter = resolve;
        child.send({ type: 'rss' });
      });
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      });
    },
  };
}
