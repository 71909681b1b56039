import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { createIdentityServer } from './create-identity-server.js';

const ecJwk = (kid: string) => ({
  ...(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' }) as object),
  kid,
});

describe('keyManagement.staticKeys through createIdentityServer', () => {
  it('publishes a validationOnly key without signing with it, next to the automatic keys', async () => {
    const sigil = await createIdentityServer({
      issuer: 'https://login.static.test',
      store: { type: 'memory' },
      dataProtection: { masterKey: randomBytes(32).toString('base64'), applicationName: 'static' },
      keyManagement: { signingAlgorithms: ['ES256'], staticKeys: [{ jwk: ecJwk('retiring'), validationOnly: true }] },
      backgroundJobs: false,
      logger: pino({ level: 'silent' }),
    });
    try {
      const kids = (JSON.parse(sigil.keys.jwksJson()) as { keys: Array<{ kid: string }> }).keys.map((k) => k.kid);
      assert.ok(kids.includes('retiring'));
      assert.equal(kids.length, 2);
      assert.notEqual(sigil.keys.getSigningKey().kid, 'retiring');
      assert.notEqual(sigil.keys.getSigningKey(['ES256']).kid, 'retiring');
    } finally {
      await sigil.close();
    }
  });
});
