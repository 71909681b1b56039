import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigurationError } from './configuration-error.js';
import { CONFIGURATION_STORE_DEFAULTS, SERVER_DEFAULTS, TELEMETRY_DEFAULTS } from './defaults.js';
import { options, problems, resolve, svc } from './problems.case.js';
import { validateOptions } from './validate-options.js';

// Top-level options: the issuer (RFC 8414 §2), stores, keys, events and protocol settings.
describe('top-level options', () => {
  it('refuses something that is not an object', () => {
    assert.throws(() => validateOptions(null as never), ConfigurationError);
  });

  const SINGLE: [string, Record<string, unknown>, string][] = [
    ['a missing issuer', { issuer: undefined }, 'options: issuer is required'],
    ['a relative issuer', { issuer: 'op.test' }, 'options: issuer must be an absolute URL'],
    [
      'an issuer with a query',
      { issuer: 'https://op.test?x=1' },
      'options: issuer must not have a query or fragment (RFC 8414 §2)',
    ],
    ['an issuer with a trailing slash', { issuer: 'https://op.test/' }, 'options: issuer must not end with "/"'],
    ['an issuer that is not http(s)', { issuer: 'ftp://op.test' }, 'options: issuer must be an https URL'],
    ['a negative clockSkew', { clockSkew: -1 }, 'options: clockSkew must be a non-negative integer (seconds)'],
    ['a postgres store without url', { store: { type: 'postgres' } }, 'store: url is required for a postgres store'],
    [
      'an unknown store type',
      { store: { type: 'mongo' } },
      'store: type must be one of "sqlite", "postgres", "mysql", "memory"',
    ],
    ['a redis cache without url', { cache: { type: 'redis' } }, 'cache: url is required for a redis cache'],
    [
      'a small RSA key size',
      { keyManagement: { rsaKeySize: 1024 } },
      'keyManagement: rsaKeySize must be at least 2048',
    ],
    [
      'an unsupported signing algorithm',
      { keyManagement: { signingAlgorithms: ['HS256'] } },
      'keyManagement: signingAlgorithms "HS256" is not supported',
    ],
    [
      'a non-boolean event switch',
      { events: { raiseSuccessEvents: 'yes' } },
      'events: raiseSuccessEvents must be true or false',
    ],
    [
      'a non-boolean strictClientAssertionAudience',
      { strictClientAssertionAudience: 1 },
      'options: strictClientAssertionAudience must be true or false',
    ],
    [
      'an unknown logLevel',
      { logLevel: 'verbose' },
      'options: logLevel must be one of "fatal", "error", "warn", "info", "debug", "trace", "silent"',
    ],
    [
      'a zero maxClientAssertionLifetime',
      { maxClientAssertionLifetime: 0 },
      'options: maxClientAssertionLifetime must be a positive integer (seconds)',
    ],
    [
      'a non-boolean configurationStore switch',
      { configurationStore: { enabled: 'yes' } },
      'configurationStore: enabled must be true or false',
    ],
    ['telemetry that is not an object', { telemetry: true }, 'telemetry: must be an object'],
    ['a non-boolean telemetry switch', { telemetry: { tracing: 'on' } }, 'telemetry: tracing must be true or false'],
    [
      'a zero configurationStore refreshInterval',
      { configurationStore: { enabled: true, refreshInterval: 0 } },
      'configurationStore: refreshInterval must be a positive integer (seconds)',
    ],
  ];
  for (const [what, change, message] of SINGLE) {
    it(`reports ${what} as one message`, () => {
      assert.deepEqual(problems(options(change)), [message]);
    });
  }

  // FAPI 2.0 §5.3.2.1: accept iat/nbf up to 10 s in the future, reject beyond 60 s. clockSkew is
  // that future bound for client assertions, so only values in between keep both promises.
  const SKEW =
    'options: clockSkew must be between 10 and 60 seconds (FAPI 2.0 §5.3.2.1: accept iat/nbf up to 10 s in the future, reject beyond 60 s)';
  for (const clockSkew of [0, 5, 9, 61, 300]) {
    it(`refuses clockSkew ${clockSkew}, which breaks the FAPI 2.0 clock-offset rule`, () => {
      assert.deepEqual(problems(options({ clockSkew })), [SKEW]);
    });
  }

  it('accepts clockSkew from 10 to 60 seconds', () => {
    for (const clockSkew of [10, 30, 60]) assert.equal(resolve(options({ clockSkew })).clockSkew, clockSkew);
  });

  it('names the right unit for integer options that are not durations', () => {
    assert.deepEqual(problems(options({ keyManagement: { rsaKeySize: 'big' } })), [
      'keyManagement: rsaKeySize must be a positive integer (bits)',
    ]);
    assert.deepEqual(problems(options({ maxBodySize: 0 })), [
      'options: maxBodySize must be a positive integer (bytes)',
    ]);
    assert.deepEqual(problems(options({ authentication: { lockoutThreshold: 2.5 } })), [
      'authentication: lockoutThreshold must be a positive integer (failed logins)',
    ]);
    assert.deepEqual(problems(options({ authentication: { lockoutDuration: -5 } })), [
      'authentication: lockoutDuration must be a positive integer (seconds)',
    ]);
  });

  it('applies the documented defaults', () => {
    const r = resolve(options());
    assert.equal(r.clockSkew, SERVER_DEFAULTS.clockSkew);
    assert.equal(r.clockSkew, 60);
    assert.equal(r.maxClientAssertionLifetime, 300);
    assert.equal(r.strictClientAssertionAudience, false);
    assert.deepEqual(r.events, { success: false, failure: false, information: false, error: false });
    assert.deepEqual(r.keyManagement.signingAlgorithms, ['RS256', 'ES256']);
    assert.deepEqual(r.configurationStore, CONFIGURATION_STORE_DEFAULTS);
    assert.deepEqual(r.configurationStore, { enabled: false, refreshInterval: 30 });
    assert.deepEqual(r.telemetry, TELEMETRY_DEFAULTS);
  });

  it('reads the telemetry switches, each with its own default', () => {
    assert.deepEqual(resolve(options({ telemetry: { metrics: false } })).telemetry, {
      tracing: TELEMETRY_DEFAULTS.tracing,
      metrics: false,
    });
  });

  it('reads the configuration store options', () => {
    const r = resolve(
      options({ configurationStore: { enabled: true, refreshInterval: 5 }, store: { type: 'sqlite' } }),
    );
    assert.deepEqual(r.configurationStore, { enabled: true, refreshInterval: 5 });
  });

  it('reads logLevel case-insensitively', () => {
    assert.equal(resolve(options({ logLevel: 'Debug' })).logLevel, 'debug');
  });

  it('reads the strict assertion audience switch', () => {
    assert.equal(resolve(options({ strictClientAssertionAudience: true })).strictClientAssertionAudience, true);
  });

  it('reports problems of the issuer, a client and a resource together', () => {
    const found = problems(
      options({
        issuer: 'https://op.test/',
        apiResources: [{ name: 'r', scopes: ['missing'] }],
        clients: [svc({ allowedGrantTypes: [] })],
      }),
    );
    assert.deepEqual(found, [
      'options: issuer must not end with "/"',
      'API resource "r": scopes "missing" is not a defined API scope',
      'client "svc": allowedGrantTypes must not be empty',
    ]);
  });

  it('warns about an http issuer on a public host', () => {
    const r = resolve(options({ issuer: 'http://op.test' }));
    assert.ok(r.warnings.some((w) => w.includes('http on a non-loopback host')));
  });
});
