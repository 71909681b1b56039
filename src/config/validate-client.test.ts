import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { hashed, options, problems, resolve, svc } from './problems.case.js';

// Duende DefaultClientConfigurationValidator: each misconfiguration is one message naming the
// client and the field.
const REDIRECT = { allowedGrantTypes: ['authorization_code'], redirectUris: ['https://app.test/cb'] };

/** One field changed on the `svc` client, and the one message it must produce. */
const SINGLE: [string, Record<string, unknown>, string][] = [
  ['an empty allowedGrantTypes', { allowedGrantTypes: [] }, 'allowedGrantTypes must not be empty'],
  [
    'requireDPoP with access tokens from the authorize endpoint',
    { ...REDIRECT, allowedGrantTypes: ['implicit'], allowAccessTokensViaBrowser: true, requireDPoP: true },
    'requireDPoP cannot be combined with access tokens from the authorize endpoint (allowAccessTokensViaBrowser)',
  ],
  [
    'a repeated grant type',
    { allowedGrantTypes: ['client_credentials', 'client_credentials'] },
    'allowedGrantTypes must not contain duplicates',
  ],
  [
    'a grant type with a space',
    { allowedGrantTypes: ['client credentials'] },
    'allowedGrantTypes "client credentials" must not contain spaces',
  ],
  ['an unknown grant type', { allowedGrantTypes: ['magic'] }, 'allowedGrantTypes "magic" is not a known grant type'],
  [
    'implicit with authorization_code (Duende Client.ValidateGrantTypes)',
    { ...REDIRECT, allowedGrantTypes: ['implicit', 'authorization_code'] },
    'allowedGrantTypes must not combine "implicit" and "authorization_code"',
  ],
  [
    'implicit with hybrid',
    { ...REDIRECT, allowedGrantTypes: ['implicit', 'hybrid'] },
    'allowedGrantTypes must not combine "implicit" and "hybrid"',
  ],
  [
    'authorization_code with hybrid',
    { ...REDIRECT, allowedGrantTypes: ['authorization_code', 'hybrid'] },
    'allowedGrantTypes must not combine "authorization_code" and "hybrid"',
  ],
  ['an unknown accessTokenType', { accessTokenType: 'opaque' }, 'accessTokenType must be one of "jwt", "reference"'],
  [
    'a zero accessTokenLifetime',
    { accessTokenLifetime: 0 },
    'accessTokenLifetime must be a positive integer (seconds)',
  ],
  [
    'a string accessTokenLifetime',
    { accessTokenLifetime: '3600' },
    'accessTokenLifetime must be a positive integer (seconds)',
  ],
  [
    'a fractional identityTokenLifetime',
    { identityTokenLifetime: 1.5 },
    'identityTokenLifetime must be a positive integer (seconds)',
  ],
  [
    'an unknown refreshTokenUsage',
    { refreshTokenUsage: 'sometimes' },
    'refreshTokenUsage must be one of "oneTimeOnly", "reUse"',
  ],
  [
    'an unknown tokenEndpointAuthMethod',
    { tokenEndpointAuthMethod: 'tls_client_auth' },
    'tokenEndpointAuthMethod must be one of "client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"',
  ],
  [
    'a secret with an unparsable expiration',
    { clientSecrets: [{ value: 'x', expiration: 'next tuesday' }] },
    'clientSecrets[0].expiration must be an ISO date or epoch seconds',
  ],
  ['a jwksUri over plain http', { jwksUri: 'http://keys.test/jwks' }, 'jwksUri must use https'],
  ['a relative jwksUri', { jwksUri: '/jwks' }, 'jwksUri must be an absolute URL'],
  [
    'an undefined scope in allowedScopes',
    { allowedScopes: ['api', 'nope'] },
    'allowedScopes "nope" is not a defined identity resource or API scope',
  ],
  [
    'client_credentials for a public client',
    { requireClientSecret: false, clientSecrets: undefined },
    'allowedGrantTypes "client_credentials" requires a confidential client',
  ],
  [
    'method none for a confidential client',
    { tokenEndpointAuthMethod: 'none' },
    'tokenEndpointAuthMethod "none" requires requireClientSecret: false',
  ],
  [
    'client_secret_jwt with only hashed secrets',
    { tokenEndpointAuthMethod: 'client_secret_jwt' },
    'clientSecrets must hold a plain secret for client_secret_jwt (it is the HMAC key)',
  ],
  [
    'a confidential client without secrets or keys',
    { clientSecrets: [] },
    'clientSecrets must not be empty when requireClientSecret is true (or give jwks/jwksUri for private_key_jwt)',
  ],
  ['a non-boolean requireClientSecret', { requireClientSecret: 'no' }, 'requireClientSecret must be true or false'],
  ['claims of the wrong shape', { claims: 5 }, 'claims must be an array of {type, value} or an object'],
  ['an unknown applicationType', { applicationType: 'desktop' }, 'applicationType must be one of "web", "native"'],
  [
    'redirect grants without redirectUris',
    { allowedGrantTypes: ['authorization_code'] },
    'redirectUris must not be empty for redirect-based grants',
  ],
  [
    'allowedGrantTypes that is not an array',
    { allowedGrantTypes: 'client_credentials' },
    'allowedGrantTypes must be an array of strings',
  ],
  [
    'the password grant',
    { allowedGrantTypes: ['password'] },
    'allowedGrantTypes "password" is not supported (RFC 9700 §2.4)',
  ],
  [
    'clientSecrets that is not an array',
    { clientSecrets: 'x' },
    'clientSecrets must be an array of {value, description?, expiration?}',
  ],
  ['an empty secret value', { clientSecrets: [{ value: '' }] }, 'clientSecrets[0].value must be a non-empty string'],
  [
    'a malformed sha256: secret as its only secret',
    { clientSecrets: [{ value: 'sha256:abc' }] },
    'clientSecrets[0].value must be "sha256:" followed by the base64 of a 32-byte SHA-256 digest (44 characters)',
  ],
  [
    'an unsupported secret type',
    { clientSecrets: [{ value: 'x', type: 'X509Thumbprint' }] },
    'clientSecrets[0].type "X509Thumbprint" is not supported (only SharedSecret)',
  ],
  [
    'private_key_jwt without keys',
    { tokenEndpointAuthMethod: 'private_key_jwt', clientSecrets: undefined },
    'jwks or jwksUri is required for private_key_jwt',
  ],
  [
    'jwks that is not a JWK Set',
    { tokenEndpointAuthMethod: 'private_key_jwt', clientSecrets: undefined, jwks: [] },
    'jwks must be a JWK Set {"keys": [...]}',
  ],
  [
    'client_secret_jwt without secrets',
    { tokenEndpointAuthMethod: 'client_secret_jwt', clientSecrets: undefined },
    'clientSecrets must hold a plain secret for client_secret_jwt (it is the HMAC key)',
  ],
  [
    'redirectUris that is not an array',
    { allowedGrantTypes: ['authorization_code'], redirectUris: 'https://app.test/cb' },
    'redirectUris must be an array of strings',
  ],
  [
    'a frontChannelLogoutUri that is not a string',
    { frontChannelLogoutUri: 5 },
    'frontChannelLogoutUri must be a string',
  ],
  [
    'a backChannelLogoutUri that is not a string',
    { backChannelLogoutUri: true },
    'backChannelLogoutUri must be a string',
  ],
  ['properties that are not an object', { properties: 5 }, 'properties must be an object of string values'],
  ['a property that is not a string', { properties: { tier: 1 } }, 'properties must be an object of string values'],
  [
    'an unsupported access-token signing algorithm',
    { allowedAccessTokenSigningAlgorithms: ['HS256'] },
    'allowedAccessTokenSigningAlgorithms "HS256" is not a supported algorithm',
  ],
];

describe('client validation', () => {
  it('accepts the base client without problems', () => {
    assert.deepEqual(problems(options()), []);
  });

  for (const [what, change, message] of SINGLE) {
    it(`reports ${what} as one message naming the client and the field`, () => {
      assert.deepEqual(problems(options({ clients: [svc(change)] })), [`client "svc": ${message}`]);
    });
  }

  it('names a client without clientId by its position', () => {
    assert.deepEqual(problems(options({ clients: [svc(), svc({ clientId: undefined })] })), [
      'client "#1": clientId is required',
    ]);
    assert.deepEqual(problems(options({ clients: [svc({ clientId: 5 })] })), [
      'client "#0": clientId must be a string',
    ]);
  });

  it('refuses a clientId longer than 100 characters', () => {
    const id = 'c'.repeat(101);
    assert.deepEqual(problems(options({ clients: [svc({ clientId: id })] })), [
      `client "${id}": clientId must be at most 100 characters`,
    ]);
  });

  it('refuses a clientId defined twice', () => {
    assert.deepEqual(problems(options({ clients: [svc(), svc({ clientSecrets: [{ value: hashed('x') }] })] })), [
      'client "svc": clientId is defined twice',
    ]);
  });

  it('refuses a client that is not an object and clients that are not an array', () => {
    assert.deepEqual(problems(options({ clients: [svc(), null] })), ['clients[1]: must be an object']);
    assert.deepEqual(problems(options({ clients: {} })), ['clients: must be an array']);
  });

  it('reports several problems of several clients at once', () => {
    const found = problems(
      options({
        clients: [
          svc({ allowedGrantTypes: [] }),
          svc({ clientId: 'web', ...REDIRECT, redirectUris: ['https://app.test/cb#frag'] }),
          svc({ clientId: 'third', allowedScopes: ['nope'], accessTokenType: 'Opaque' }),
        ],
      }),
    );
    assert.deepEqual(found, [
      'client "svc": allowedGrantTypes must not be empty',
      'client "web": redirectUris[0] must not contain a fragment (RFC 6749 §3.1.2)',
      'client "third": allowedScopes "nope" is not a defined identity resource or API scope',
      'client "third": accessTokenType must be one of "jwt", "reference"',
    ]);
  });

  it('lists every problem in the thrown message too', () => {
    assert.throws(
      () =>
        resolve(
          options({ clients: [svc({ allowedGrantTypes: [] }), svc({ clientId: 'b', accessTokenLifetime: -1 })] }),
        ),
      (e: Error) =>
        e.name === 'ConfigurationError' &&
        e.message.includes('client "svc": allowedGrantTypes must not be empty') &&
        e.message.includes('client "b": accessTokenLifetime must be a positive integer (seconds)'),
    );
  });

  it('accepts allowedScopes naming identity resources, API scopes and offline_access', () => {
    const c = resolve(
      options({ clients: [svc({ ...REDIRECT, allowedScopes: ['openid', 'profile', 'api', 'offline_access'] })] }),
    ).clients.get('svc')!;
    assert.deepEqual([...c.allowedScopes], ['openid', 'profile', 'api', 'offline_access']);
  });

  it('applies the documented client defaults', () => {
    const c = resolve(options()).clients.get('svc')!;
    assert.equal(c.enabled, true);
    assert.equal(c.requireClientSecret, true);
    assert.equal(c.accessTokenType, 'jwt');
    assert.equal(c.refreshTokenUsage, 'oneTimeOnly');
    assert.equal(c.requirePkce, true);
    assert.equal(c.tokenEndpointAuthMethod, undefined);
    assert.equal(c.strictClientAssertionAudience, false);
  });
});

describe('client keys', () => {
  const pkjwt = (keys: unknown[]) =>
    problems(
      options({
        clients: [svc({ clientSecrets: undefined, tokenEndpointAuthMethod: 'private_key_jwt', jwks: { keys } })],
      }),
    );
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicEc = ec.publicKey.export({ format: 'jwk' });
  const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });

  it('accepts public RSA, EC and OKP keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    const ed = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    assert.deepEqual(pkjwt([publicEc, { ...rsa, kid: 'r' }, ed]), []);
  });

  it('refuses a key that is not a JSON object', () => {
    assert.deepEqual(pkjwt([publicEc, null]), ['client "svc": jwks.keys[1] must be a JWK object']);
    assert.deepEqual(pkjwt(['abc']), ['client "svc": jwks.keys[0] must be a JWK object']);
  });

  it('refuses a private key in jwks', () => {
    assert.deepEqual(pkjwt([ec.privateKey.export({ format: 'jwk' })]), [
      'client "svc": jwks.keys[0] must be a public key; it holds the private member(s) d',
    ]);
  });

  it('refuses a symmetric, unknown or broken key', () => {
    assert.match(pkjwt([{ kty: 'oct', k: 'c2VjcmV0' }])[0] ?? '', /jwks\.keys\[0\] must be a public key/);
    assert.match(pkjwt([{ kty: 'XYZ' }])[0] ?? '', /jwks\.keys\[0\] is not a usable public JWK: unsupported "kty" XYZ/);
    assert.match(
      pkjwt([{ kty: 'EC', crv: 'P-256', x: 'AA', y: 'AA' }])[0] ?? '',
      /jwks\.keys\[0\] is not a usable public JWK/,
    );
  });

  it('refuses jwks and jwksUri together, as the inline set would silently win', () => {
    const found = problems(
      options({ clients: [svc({ jwks: { keys: [publicEc] }, jwksUri: 'https://keys.test/jwks' })] }),
    );
    assert.deepEqual(found, ['client "svc": jwks must not be given together with jwksUri (RFC 7591 §2)']);
  });

  it('refuses an RSA key shorter than 2048 bits, which could never verify', () => {
    assert.deepEqual(pkjwt([rsa1024]), [
      'client "svc": jwks.keys[0] is an RSA key of 1024 bits; at least 2048 are required',
    ]);
  });
});

describe('allowed CORS origins', () => {
  const cors = (allowedCorsOrigins: string[]) => problems(options({ clients: [svc({ allowedCorsOrigins })] }));
  const MESSAGE =
    'must be an origin: scheme, lower-case host and optional non-default port, without path or trailing "/"';

  it('accepts origins as a browser sends them', () => {
    assert.deepEqual(cors(['https://app.test', 'http://localhost:3000', 'https://app.test:8443']), []);
  });

  // Duende DefaultClientConfigurationValidator: an origin with a path never matches an Origin header.
  for (const origin of [
    'https://app.test/',
    'https://app.test/path',
    'app.test',
    '*',
    'https://App.test',
    'https://app.test:443',
    'file:///x',
  ]) {
    it(`refuses ${JSON.stringify(origin)}`, () => {
      assert.deepEqual(cors(['https://ok.test', origin]), [`client "svc": allowedCorsOrigins[1] ${MESSAGE}`]);
    });
  }
});

describe('client enumerations', () => {
  const get = (change: Record<string, unknown>) => resolve(options({ clients: [svc(change)] })).clients.get('svc')!;

  it('matches accessTokenType case-insensitively', () => {
    assert.equal(get({ accessTokenType: 'Reference' }).accessTokenType, 'reference');
    assert.equal(get({ accessTokenType: 'JWT' }).accessTokenType, 'jwt');
  });

  it('matches Duende spellings of refreshTokenUsage and refreshTokenExpiration', () => {
    assert.equal(get({ refreshTokenUsage: 'OneTimeOnly' }).refreshTokenUsage, 'oneTimeOnly');
    assert.equal(get({ refreshTokenUsage: 'ReUse' }).refreshTokenUsage, 'reUse');
    assert.equal(get({ refreshTokenExpiration: 'Sliding' }).refreshTokenExpiration, 'sliding');
  });

  it('matches tokenEndpointAuthMethod case-insensitively and normalises it', () => {
    const jwks = { keys: [{ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' }] };
    assert.equal(get({ tokenEndpointAuthMethod: 'Private_Key_JWT', jwks }).tokenEndpointAuthMethod, 'private_key_jwt');
    assert.equal(get({ tokenEndpointAuthMethod: 'CLIENT_SECRET_POST' }).tokenEndpointAuthMethod, 'client_secret_post');
  });

  it('matches applicationType case-insensitively', () => {
    assert.equal(get({ applicationType: 'Native' }).applicationType, 'native');
  });
});
