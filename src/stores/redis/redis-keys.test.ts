import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redisKey } from './redis-keys.js';

describe('redisKey', () => {
  it('puts the prefix and space first and hashes the parts to a fixed length', () => {
    const short = redisKey('sigil:', 'replay', ['dpop', 'a']);
    const long = redisKey('sigil:', 'replay', ['dpop', 'x'.repeat(100_000)]);
    assert.match(short, /^sigil:replay:[A-Za-z0-9_-]{43}$/);
    assert.equal(long.length, short.length);
  });

  it('keeps parts apart however their separators fall', () => {
    const keys = [
      redisKey('p:', 'replay', ['a:b', 'c']),
      redisKey('p:', 'replay', ['a', 'b:c']),
      redisKey('p:', 'replay', ['a\u0000b', 'c']),
      redisKey('p:', 'replay', ['a', 'b\u0000c']),
      redisKey('p:', 'cache', ['a', 'b:c']),
    ];
    assert.equal(new Set(keys).size, keys.length);
  });
});
