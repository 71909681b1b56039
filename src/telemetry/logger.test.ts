import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from './logger.js';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
  };
}

describe('the structured logger', () => {
  it('redacts secrets, tokens and credentials wherever they appear', () => {
    const { stream, lines } = capture();
    const saved = process.env.SIGIL_LOG_LEVEL;
    delete process.env.SIGIL_LOG_LEVEL;
    try {
      const log = createLogger('info', stream);
      log.info(
        {
          client_secret: 's3cret',
          params: { password: 'pw', refresh_token: 'rt', code: 'the-code' },
          headers: { authorization: 'Basic abc', cookie: 'sigil.session=x' },
          code: 'top-level-code',
        },
        'request',
      );
    } finally {
      if (saved !== undefined) process.env.SIGIL_LOG_LEVEL = saved;
    }
    const text = JSON.stringify(lines());
    for (const secret of ['s3cret', '"pw"', '"rt"', 'the-code', 'Basic abc', 'sigil.session=x', 'top-level-code'])
      assert.ok(!text.includes(secret), `${secret} leaked: ${text}`);
  });

  it('keeps error codes such as ENOENT or 40P01 readable', () => {
    const { stream, lines } = capture();
    const saved = process.env.SIGIL_LOG_LEVEL;
    delete process.env.SIGIL_LOG_LEVEL;
    try {
      const err = Object.assign(new Error('deadlock'), { code: '40P01' });
      createLogger('info', stream).error({ err }, 'failed');
    } finally {
      if (saved !== undefined) process.env.SIGIL_LOG_LEVEL = saved;
    }
    assert.equal((lines()[0]!.err as { code: string }).code, '40P01');
  });
});
