#!/usr/bin/env node
/**
 * `sigil`: the command-line interface of the standalone server.
 *
 *   sigil start [--config FILE] [--port N] [--host H]
 *   sigil hash-secret [SECRET]          (reads stdin when SECRET is omitted; --generate makes one)
 *   sigil keys list | keys rotate [--immediate]
 *   sigil migrate [--dry-run]
 *   sigil clients list | clients add --file FILE | clients remove ID [--keep-grants]
 *   sigil resources list | resources add --file FILE | resources remove KIND NAME
 *   sigil import FILE
 *   sigil users add --username NAME [--password PW] [--subject ID] [--claim name=value ...]
 */
import { parseArgs } from 'node:util';
import { ConfigurationError } from '../../config/configuration-error.js';
import { clientsCommand } from './clients.js';
import { hashSecretCommand } from './hash-secret.js';
import { keysCommand } from './keys.js';
import { loadConfig } from './load-config.js';
import { migrateCommand } from './migrate.js';
import { err, out } from './output.js';
import { importCommand, resourcesCommand } from './resources.js';
import { startCommand } from './start.js';
import { usersCommand } from './users.js';

const USAGE = `Usage: sigil <command> [options]

Commands:
  start                 Run the server (default command).
  hash-secret [SECRET]  Print the sha256:<base64> form of a client secret (stdin if omitted;
                        --generate creates a random secret).
  keys list             List the signing keys and their state.
  keys rotate           Announce new signing keys now; they sign after the propagation time
                        (--immediate: sign with them at once).
  migrate               Apply pending database migrations (--dry-run prints the SQL instead).
  clients list          List the clients of the configuration file and of the database.
  clients add --file F  Add or replace the client(s) in F (one JSON object or an array) in the database.
  clients remove ID     Remove a database client and its grants (--keep-grants keeps them).
  resources list        List identity resources, API scopes and API resources.
  resources add --file F
                        Add or replace the identityResources, apiScopes and apiResources in F.
  resources remove KIND NAME
                        Remove a database resource; KIND is identity-resource, api-scope or api-resource.
  import FILE           Add or replace every client and resource in FILE (the keys of sigil.config.json).
                        These need "configurationStore": { "enabled": true } and a SQL store.
  users add             Add a user to the store: --username NAME [--password PW] (else read from
                        stdin, hidden on a terminal) [--subject ID] [--claim name=value ...].
  help                  Show this help.

Options:
  --config FILE   Configuration file (default ./sigil.config.json, else the demo configuration).
  --port N        Port to listen on (default $PORT or 5000).
  --host H        Interface to listen on (default all).

Environment: PORT, SIGIL_CONFIG, SIGIL_ISSUER, SIGIL_DATA_DIR, SIGIL_DATA_PROTECTION_KEY, SIGIL_LOG_LEVEL.
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      config: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      generate: { type: 'boolean' },
      immediate: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      file: { type: 'string' },
      'keep-grants': { type: 'boolean' },
      username: { type: 'string' },
      password: { type: 'string' },
      subject: { type: 'string' },
      claim: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command = 'start', ...rest] = positionals;
  if (values.help || command === 'help') {
    out(USAGE);
    return 0;
  }
  const config = () => loadConfig(values, process.env, process.cwd());
  switch (command) {
    case 'start':
      await startCommand(config(), values.host);
      return -1;
    case 'hash-secret':
      return hashSecretCommand(rest[0], values.generate === true);
    case 'keys':
      return keysCommand(config(), rest[0], values.immediate === true);
    case 'migrate':
      return migrateCommand(config(), values['dry-run'] === true);
    case 'clients':
      return clientsCommand(config(), rest, { file: values.file, keepGrants: values['keep-grants'] === true });
    case 'resources':
      return resourcesCommand(config(), rest, values.file);
    case 'import':
      return importCommand(config(), rest.length === 1 ? rest[0] : undefined);
    case 'users':
      return usersCommand(config(), rest[0], values);
    default:
      err(`unknown command "${command}"`, '', USAGE);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof ConfigurationError) err(`sigil: ${e.message}`);
    else if (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))
      err(`sigil: ${e.message}`, '', USAGE);
    else err(`sigil: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
