/**
 * Serves the test single-page app (`app/`) from its own `node:http` server on 127.0.0.1: another
 * origin than Sigil (another port), but the same site, as the SPA and its identity provider
 * usually are. oidc-client-ts's browser build is served as it ships; `/config.js` tells the pages
 * the authority and the client.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What `/config.js` hands to the pages. */
export interface SpaSettings {
  authority: string;
  clientId: string;
  scope: string;
}

/** A running SPA server. */
export interface SpaServer {
  readonly origin: string;
  /** Set before a page loads (the authority is known only once Sigil has started). */
  settings: SpaSettings;
  close(): Promise<void>;
}

const APP = join(dirname(fileURLToPath(import.meta.url)), 'app');
const OIDC_CLIENT = join(
  dirname(createRequire(import.meta.url).resolve('oidc-client-ts/package.json')),
  'dist',
  'browser',
  'oidc-client-ts.min.js',
);

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: join(APP, 'index.html'), type: 'text/html' },
  '/index.html': { file: join(APP, 'index.html'), type: 'text/html' },
  '/callback.html': { file: join(APP, 'callback.html'), type: 'text/html' },
  '/silent.html': { file: join(APP, 'silent.html'), type: 'text/html' },
  '/signed-out.html': { file: join(APP, 'signed-out.html'), type: 'text/html' },
  '/app.js': { file: join(APP, 'app.js'), type: 'text/javascript' },
  '/app.css': { file: join(APP, 'app.css'), type: 'text/css' },
  '/oidc-client-ts.min.js': { file: OIDC_CLIENT, type: 'text/javascript' },
  '/oidc-client-ts.min.js.map': { file: `${OIDC_CLIENT}.map`, type: 'application/json' },
};

/** Start the SPA server on an ephemeral port. */
export async function startSpaServer(): Promise<SpaServer> {
  const spa: { settings: SpaSettings } = { settings: { authority: '', clientId: '', scope: '' } };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://spa').pathname;
    const headers = { 'cache-control': 'no-store' };
    if (path === '/config.js') {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' });
      res.end(`window.SPA_CONFIG = ${JSON.stringify(spa.settings)};\n`);
      return;
    }
    const entry = FILES[path];
    if (req.method !== 'GET' || !entry) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': `${entry.type}; charset=utf-8` });
    res.end(readFileSync(entry.file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(spa, {
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}
