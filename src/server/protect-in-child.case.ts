/**
 * Run as a child process by `data-protection-hosts.test.ts`: start a server from the environment
 * (issuer, shared SQLite file, master key in `SIGIL_DATA_PROTECTION_KEY`, the default data
 * directory of its working directory), protect or unprotect one value, print what it saw as JSON.
 */
import { hostname } from 'node:os';
import { pino } from 'pino';
import { createIdentityServer } from './create-identity-server.js';

const [mode, value] = process.argv.slice(2);
const sigil = await createIdentityServer({
  issuer: process.env.CHILD_ISSUER!,
  store: { type: 'sqlite', path: process.env.CHILD_STORE! },
  keyManagement: { signingAlgorithms: ['ES256'] },
  backgroundJobs: false,
  logger: pino({ level: 'silent' }),
});
try {
  const protector = sigil.dataProtection.createProtector('cross-host-test');
  const out = mode === 'protect' ? protector.protect(value!) : protector.unprotect(value!);
  process.stdout.write(
    `${JSON.stringify({ applicationName: sigil.dataProtection.applicationName, hostname: hostname(), cwd: process.cwd(), jwks: sigil.keys.jwksJson(), out })}\n`,
  );
} finally {
  await sigil.close();
}
