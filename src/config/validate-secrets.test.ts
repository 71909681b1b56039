import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { hashed, options, problems, resolve, svc } from './problems.case.js';

// Secrets in configuration: plain (hashed at load, with a warning) or `sha256:<base64>`.
const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
const client = (clientSecrets: unknown, extra: Record<string, unknown> = {}) =>
  options({ clients: [svc({ clientSecrets, ...extra })] });

describe('configured secrets', () => {
  it('hashes a plain secret with SHA-256 and warns about it', () => {
    const r = resolve(client([{ value: 'plain-secret' }]));
    assert.deepEqual(r.clients.get('svc')?.secrets[0]?.hash, digest('plain-secret'));
    assert.deepEqual(r.warnings, [
      'client "svc": clientSecrets[0] is a plain secret; store it hashed ("sigil hash-secret")',
    ]);
  });

  it('accepts a sha256:<base64> secret as the digest, without a warning', () => {
    const r = resolve(client([{ value: hashed('s3cret'), description: 'primary' }]));
    const s = r.clients.get('svc')?.secrets[0];
    assert.deepEqual(s?.hash, digest('s3cret'));
    assert.equal(s?.description, 'primary');
    assert.deepEqual(r.warnings, []);
  });

  it('accepts a bare string as a secret', () => {
    const r = resolve(client([hashed('s3cret')]));
    assert.deepEqual(r.clients.get('svc')?.secrets[0]?.hash, digest('s3cret'));
  });

  it('reads expiration as epoch seconds or as an ISO date', () => {
    const r = resolve(
      client([
        { value: hashed('a'), expiration: 1_900_000_000 },
        { value: hashed('b'), expiration: '2030-01-01T00:00:00Z' },
      ]),
    );
    assert.deepEqual(
      r.clients.get('svc')?.secrets.map((s) => s.expiresAt),
      [1_900_000_000, Date.UTC(2030, 0, 1) / 1000],
    );
  });

  it('keeps plain secrets as HMAC keys only for client_secret_jwt clients', () => {
    const jwt = resolve(client([{ value: 'hmac-key' }], { tokenEndpointAuthMethod: 'client_secret_jwt' }));
    assert.deepEqual(jwt.clients.get('svc')?.hmacSecrets[0]?.key, Buffer.from('hmac-key'));
    const basic = resolve(client([{ value: 'hmac-key' }]));
    assert.deepEqual(basic.clients.get('svc')?.hmacSecrets, []);
  });

  const BAD_HASH = 'must be "sha256:" followed by the base64 of a 32-byte SHA-256 digest (44 characters)';
  for (const [what, value] of [
    ['too short', 'sha256:abc'],
    ['hex instead of base64', `sha256:${digest('x').toString('hex')}`],
    ['trailing garbage', `${hashed('x')}@@`],
    ['leading garbage', `sha256:!!${hashed('x').slice(7)}`],
    ['inner white space', `sha256:${hashed('x').slice(7, 20)} ${hashed('x').slice(20)}`],
    ['base64url', `sha256:${digest('x').toString('base64url')}`],
    ['nothing after the prefix', 'sha256:'],
  ]) {
    it(`refuses a sha256: secret with ${what}`, () => {
      // A second, valid secret keeps "clientSecrets must not be empty" out of the picture.
      assert.deepEqual(problems(client([{ value: hashed('ok') }, { value }])), [
        `client "svc": clientSecrets[1].value ${BAD_HASH}`,
      ]);
    });
  }

  it('reads the sha256: prefix case-insensitively instead of hashing it as a plain secret', () => {
    const r = resolve(client([{ value: `SHA256:${hashed('s3cret').slice(7)}` }]));
    assert.deepEqual(r.clients.get('svc')?.secrets[0]?.hash, digest('s3cret'));
    assert.deepEqual(r.warnings, []);
  });

  it('refuses a secret with a bad expiration in one message', () => {
    assert.deepEqual(problems(client([{ value: 'x', expiration: 'soon' }])), [
      'client "svc": clientSecrets[0].expiration must be an ISO date or epoch seconds',
    ]);
  });
});
