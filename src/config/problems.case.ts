/**
 * Test support for configuration validation: run `validateOptions` and collect what it reports.
 */
import { createHash } from 'node:crypto';
import { ConfigurationError } from './configuration-error.js';
import type { ResolvedOptions } from './resolved.js';
import type { ClientInput, IdentityServerOptions } from './types.js';
import { validateOptions } from './validate-options.js';

/** A valid `sha256:<base64>` secret, computed independently of Sigil. */
export function hashed(secret: string): string {
  return `sha256:${createHash('sha256').update(secret, 'utf8').digest('base64')}`;
}

/** A valid confidential client; tests override one field at a time. */
export function svc(overrides: Record<string, unknown> = {}): ClientInput {
  return {
    clientId: 'svc',
    clientSecrets: [{ value: hashed('s3cret') }],
    allowedGrantTypes: ['client_credentials'],
    allowedScopes: ['api'],
    ...overrides,
  } as ClientInput;
}

/** Options that are valid as they stand: one API scope and the `svc` client. */
export function options(overrides: Record<string, unknown> = {}): IdentityServerOptions {
  return {
    issuer: 'https://op.test',
    store: { type: 'memory' },
    apiScopes: [{ name: 'api' }],
    clients: [svc()],
    ...overrides,
  } as IdentityServerOptions;
}

/** Resolves options, failing the test with every problem when they are invalid. */
export function resolve(input: IdentityServerOptions): ResolvedOptions {
  return validateOptions(input, { env: {} });
}

/** The problems `validateOptions` reports for `input` (empty when it is valid). */
export function problems(input: unknown): readonly string[] {
  try {
    validateOptions(input as IdentityServerOptions, { env: {} });
    return [];
  } catch (e) {
    if (e instanceof ConfigurationError) return e.problems;
    throw e;
  }
}
