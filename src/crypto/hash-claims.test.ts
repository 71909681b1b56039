import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { JwtError } from './errors.js';
import { atHash, cHash, leftHalfHash } from './hash-claims.js';

describe('at_hash and c_hash', () => {
  it('match the OpenID Connect Core appendix A examples for RS256', () => {
    assert.equal(atHash('jHkWEdUXMU1BwAsC4vtUsZwnNvTIxEl0z9K3vx5KF0Y', 'RS256'), '77QmUPtjPfzWtF2AnpK9RQ');
    assert.equal(
      cHash('Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk', 'RS256'),
      'LDktKdoQak3Pk0cnXxCltA',
    );
  });

  it('use the hash size of the alg and SHA-512 for EdDSA', () => {
    const half = (h: string, n: number) => createHash(h).update('tok').digest().subarray(0, n).toString('base64url');
    assert.equal(leftHalfHash('tok', 'ES384'), half('sha384', 24));
    assert.equal(leftHalfHash('tok', 'PS512'), half('sha512', 32));
    assert.equal(leftHalfHash('tok', 'EdDSA'), half('sha512', 32));
    assert.equal(leftHalfHash('tok', 'ES256').length, 22);
  });

  it('throws a JwtError for an unknown alg', () => {
    assert.throws(() => atHash('x', 'HS256'), JwtError);
  });
});
