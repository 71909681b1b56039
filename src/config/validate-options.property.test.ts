import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ConfigurationError } from './configuration-error.js';
import { validateOptions } from './validate-options.js';

// Whatever a JSON or JavaScript configuration holds, start-up fails with a ConfigurationError
// naming the problems, never with a TypeError from deep inside validation.
const anything = fc.anything({ maxDepth: 2, withNullPrototype: true, withObjectString: true });
const client = fc.record(
  {
    clientId: fc.oneof(fc.constant('svc'), anything),
    clientSecrets: fc.oneof(fc.constant([{ value: 'x' }]), fc.array(anything), anything),
    allowedGrantTypes: fc.oneof(fc.constant(['client_credentials']), fc.array(fc.string()), anything),
    allowedScopes: anything,
    accessTokenType: anything,
    jwks: fc.oneof(anything, fc.record({ keys: fc.array(anything) })),
    jwksUri: anything,
    tokenEndpointAuthMethod: anything,
    redirectUris: fc.oneof(fc.array(fc.string()), anything),
    postLogoutRedirectUris: anything,
    claims: anything,
    properties: anything,
    allowedCorsOrigins: fc.oneof(fc.array(fc.string()), anything),
    applicationType: anything,
    frontChannelLogoutUri: anything,
    refreshTokenUsage: anything,
    requireClientSecret: anything,
  },
  { requiredKeys: [] },
);
const options = fc.record(
  {
    issuer: fc.oneof(fc.constant('https://op.test'), anything),
    clients: fc.oneof(fc.array(client, { maxLength: 3 }), anything),
    apiScopes: fc.oneof(fc.array(fc.oneof(fc.string(), fc.record({ name: anything, userClaims: anything }))), anything),
    apiResources: fc.oneof(
      fc.array(fc.record({ name: anything, scopes: anything, apiSecrets: anything, accessTokenType: anything })),
      anything,
    ),
    identityResources: fc.oneof(
      fc.array(fc.oneof(fc.string(), fc.record({ name: anything, userClaims: anything }))),
      anything,
    ),
    users: anything,
    keyManagement: anything,
    store: anything,
    cache: anything,
    events: anything,
    authentication: anything,
    clockSkew: anything,
    logLevel: anything,
  },
  { requiredKeys: [] },
);

describe('validateOptions under arbitrary input', () => {
  it('either resolves or throws a ConfigurationError with at least one problem', () => {
    fc.assert(
      fc.property(options, (o) => {
        try {
          validateOptions(o as never, { env: {} });
        } catch (e) {
          if (!(e instanceof ConfigurationError)) throw e;
          assert.ok(e.problems.length > 0);
        }
      }),
      { numRuns: 500 },
    );
  });
});
