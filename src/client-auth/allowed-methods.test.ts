import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowsMethod } from './allowed-methods.js';
import { testKey } from './assertion.case.js';
import { createTestContext, hashedSecret } from './test-context.case.js';
import type { ClientAuthMethod } from './types.js';

// RFC 7591 §2 token_endpoint_auth_method: which methods each kind of client may use.
const key = testKey('ec', 'k1');
const secret = [{ value: hashedSecret('s') }];
const cc = ['client_credentials'];
const code = { allowedGrantTypes: ['authorization_code'], redirectUris: ['https://app.test/cb'] };
const { ctx } = createTestContext({
  clients: [
    { clientId: 'secret', clientSecrets: secret, allowedGrantTypes: cc },
    { clientId: 'keys', jwks: { keys: [key.publicJwk] }, allowedGrantTypes: cc },
    { clientId: 'both', clientSecrets: secret, jwks: { keys: [key.publicJwk] }, allowedGrantTypes: cc },
    { clientId: 'post', tokenEndpointAuthMethod: 'client_secret_post', clientSecrets: secret, allowedGrantTypes: cc },
    {
      clientId: 'hmac',
      tokenEndpointAuthMethod: 'client_secret_jwt',
      clientSecrets: [{ value: 'k' }],
      allowedGrantTypes: cc,
    },
    {
      clientId: 'pkjwt',
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: { keys: [key.publicJwk] },
      allowedGrantTypes: cc,
    },
    { clientId: 'public', requireClientSecret: false, ...code },
    { clientId: 'public-none', requireClientSecret: false, tokenEndpointAuthMethod: 'none', ...code },
    { clientId: 'public-secret', requireClientSecret: false, clientSecrets: secret, ...code },
  ],
});

const METHODS: ClientAuthMethod[] = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'none',
];
const TABLE: Record<string, ClientAuthMethod[]> = {
  secret: ['client_secret_basic', 'client_secret_post'],
  keys: ['private_key_jwt'],
  both: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
  post: ['client_secret_post'],
  hmac: ['client_secret_jwt'],
  pkjwt: ['private_key_jwt'],
  public: ['none'],
  'public-none': ['none'],
  'public-secret': ['client_secret_basic', 'client_secret_post', 'none'],
};

describe('allowed authentication methods', () => {
  for (const [clientId, allowed] of Object.entries(TABLE)) {
    it(`lets client "${clientId}" use exactly ${allowed.join(', ')}`, () => {
      const client = ctx.clients.find(clientId)!;
      assert.deepEqual(
        METHODS.filter((m) => allowsMethod(client, m)),
        allowed,
      );
    });
  }
});
