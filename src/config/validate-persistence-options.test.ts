import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLEANUP_DEFAULTS, KEY_MANAGEMENT_DEFAULTS } from './defaults.js';
import { options, problems, resolve } from './problems.case.js';

const jwk = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' };

describe('key refresh and rotation options', () => {
  it('defaults keyCacheDuration to 300 seconds', () => {
    assert.equal(resolve(options()).keyManagement.keyCacheDuration, 300);
    assert.equal(KEY_MANAGEMENT_DEFAULTS.keyCacheDuration, 300);
  });

  it('reads keyCacheDuration in seconds', () => {
    assert.equal(resolve(options({ keyManagement: { keyCacheDuration: 30 } })).keyManagement.keyCacheDuration, 30);
  });

  for (const bad of [0, -1, 1.5, '60']) {
    it(`refuses keyCacheDuration ${JSON.stringify(bad)}`, () => {
      assert.deepEqual(problems(options({ keyManagement: { keyCacheDuration: bad } })), [
        'keyManagement: keyCacheDuration must be a positive integer (seconds)',
      ]);
    });
  }

  it('warns when keyCacheDuration exceeds a quarter of propagationTime, which the key manager clamps', () => {
    const r = resolve(
      options({ keyManagement: { keyCacheDuration: 300, propagationTime: 600, rotationInterval: 3600 } }),
    );
    assert.ok(r.warnings.some((w) => /keyCacheDuration \(300 s\) exceeds a quarter of propagationTime.*150 s/.test(w)));
    assert.ok(!resolve(options()).warnings.some((w) => w.includes('keyCacheDuration')));
  });

  it('refuses a propagationTime that is not above zero', () => {
    for (const propagationTime of [0, -5]) {
      assert.ok(
        problems(options({ keyManagement: { propagationTime } })).includes(
          'keyManagement: propagationTime must be a positive integer (seconds)',
        ),
      );
    }
  });

  it('accepts a retentionDuration of zero and refuses a negative one', () => {
    assert.equal(resolve(options({ keyManagement: { retentionDuration: 0 } })).keyManagement.retentionDuration, 0);
    assert.deepEqual(problems(options({ keyManagement: { retentionDuration: -1 } })), [
      'keyManagement: retentionDuration must be a non-negative integer (seconds)',
    ]);
  });

  it('still requires rotationInterval above propagationTime', () => {
    assert.deepEqual(problems(options({ keyManagement: { rotationInterval: 60, propagationTime: 60 } })), [
      'keyManagement: rotationInterval must be greater than propagationTime',
    ]);
  });
});

describe('static keys', () => {
  it('passes validationOnly through to the key manager', () => {
    const r = resolve(options({ keyManagement: { staticKeys: [{ jwk, validationOnly: true }, { path: 'k.pem' }] } }));
    assert.deepEqual(r.keyManagement.staticKeys, [{ jwk, validationOnly: true }, { path: 'k.pem' }]);
  });

  it('names each malformed entry and field', () => {
    assert.deepEqual(
      problems(
        options({
          keyManagement: {
            staticKeys: [
              {},
              { path: 'a.pem', jwk },
              { path: '' },
              { jwk: 'text' },
              { jwk, alg: 'HS256' },
              { jwk, kid: 7 },
              { jwk, validationOnly: 'yes' },
              'k.pem',
            ],
          },
        }),
      ),
      [
        'keyManagement: staticKeys[0] needs exactly one of "path" and "jwk"',
        'keyManagement: staticKeys[1] needs exactly one of "path" and "jwk"',
        'keyManagement: staticKeys[2].path must be a non-empty string',
        'keyManagement: staticKeys[3].jwk must be a JWK object',
        'keyManagement: staticKeys[4].alg must be one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA',
        'keyManagement: staticKeys[5].kid must be a non-empty string',
        'keyManagement: staticKeys[6].validationOnly must be true or false',
        'keyManagement: staticKeys[7] must be an object with "path" or "jwk"',
      ],
    );
  });

  it('refuses staticKeys that is not an array', () => {
    assert.deepEqual(problems(options({ keyManagement: { staticKeys: { path: 'k.pem' } } })), [
      'keyManagement: staticKeys must be an array',
    ]);
  });

  it('with key management disabled, requires a static key, and one that may sign', () => {
    assert.deepEqual(problems(options({ keyManagement: { enabled: false } })), [
      'keyManagement: staticKeys must not be empty when key management is disabled',
    ]);
    assert.deepEqual(problems(options({ keyManagement: { enabled: false, staticKeys: [] } })), [
      'keyManagement: staticKeys must not be empty when key management is disabled',
    ]);
    assert.deepEqual(
      problems(options({ keyManagement: { enabled: false, staticKeys: [{ jwk, validationOnly: true }] } })),
      ['keyManagement: staticKeys must contain a key without validationOnly when key management is disabled'],
    );
    assert.deepEqual(
      problems(options({ keyManagement: { enabled: false, staticKeys: [{ jwk, validationOnly: true }, { jwk }] } })),
      [],
    );
  });
});

describe('cleanup options', () => {
  it("defaults to Duende's interval and batch size, enabled", () => {
    assert.deepEqual(resolve(options()).cleanup, { enabled: true, interval: 3600, batchSize: 100 });
    assert.deepEqual({ ...CLEANUP_DEFAULTS }, { enabled: true, interval: 3600, batchSize: 100 });
  });

  it('reads every field', () => {
    assert.deepEqual(resolve(options({ cleanup: { enabled: false, interval: 60, batchSize: 500 } })).cleanup, {
      enabled: false,
      interval: 60,
      batchSize: 500,
    });
  });

  it('names each bad field', () => {
    assert.deepEqual(problems(options({ cleanup: { enabled: 1, interval: 0, batchSize: -3 } })), [
      'cleanup: enabled must be true or false',
      'cleanup: interval must be a positive integer (seconds)',
      'cleanup: batchSize must be a positive integer (rows)',
    ]);
  });
});
