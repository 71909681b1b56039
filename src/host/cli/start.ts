/**
 * `sigil start`: run the standalone server until SIGTERM or SIGINT, then shut down gracefully
 * (stop accepting, finish in-flight requests, stop jobs, close the stores). A second signal exits
 * at once.
 */
import { createIdentityServer } from '../../server/create-identity-server.js';
import { DEMO_CREDENTIALS, DEMO_INTERACTIVE } from './demo-config.js';
import type { LoadedConfig } from './load-config.js';
import { out } from './output.js';

function demoBanner(issuer: string): string[] {
  const d = DEMO_CREDENTIALS;
  const i = DEMO_INTERACTIVE;
  const authorize = `${issuer}/connect/authorize?client_id=${i.web.clientId}&response_type=code&scope=openid%20profile&redirect_uri=${encodeURIComponent(i.web.redirectUris[1])}&state=demo&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256`;
  return [
    '',
    'No sigil.config.json was found, so Sigil runs the built-in demo configuration.',
    'Its credentials are public: never use it in production.',
    '',
    `  Machine client: ${d.clientId} / ${d.clientSecret}   (client_credentials; scopes: ${d.scopes.join(' ')})`,
    `  API resource:   ${d.apiName} / ${d.apiSecret}   (may introspect tokens)`,
    `  Web client:     ${i.web.clientId} / ${i.web.clientSecret}   (code + PKCE, consent; redirects: ${i.web.redirectUris.join(' ')})`,
    `  SPA client:     ${i.spa.clientId}   (public, code + PKCE; redirects: ${i.spa.redirectUris.join(' ')})`,
    `  User:           ${i.user.username} / ${i.user.password}`,
    '',
    'Sign in (the code arrives on the redirect URI; PKCE verifier dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk):',
    `  ${authorize}`,
    '',
    'Get a token:',
    `  curl -s -u ${d.clientId}:${d.clientSecret} -d grant_type=client_credentials -d scope=demo.read ${issuer}/connect/token`,
    '',
  ];
}

/** Start the server described by `config`; resolves once it listens. */
export async function startCommand(config: LoadedConfig, host?: string): Promise<void> {
  const sigil = await createIdentityServer(config.options);
  const { url } = await sigil.listen(config.port, host);
  sigil.context.logger.info(
    { issuer: sigil.issuer, listening: url, config: config.file ?? 'demo', store: sigil.stores.kind },
    'sigil started',
  );
  out(`Sigil is listening on ${url} (issuer ${sigil.issuer})`);
  out(`Discovery: ${sigil.issuer}/.well-known/openid-configuration`);
  if (config.demo) out(...demoBanner(sigil.issuer));

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(1);
    sigil.context.logger.info({ signal }, 'shutting down');
    sigil.close().then(
      () => process.exit(0),
      (e: unknown) => {
        sigil.context.logger.error({ err: e }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
