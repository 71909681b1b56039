import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { describe, it } from 'node:test';
import type { ServerContext } from '../../../context.js';
import { sha256b64url } from '../../../crypto/handles.js';
import { isOAuthError } from '../../../errors/oauth-error.js';
import type { SigilRequest } from '../../../host/request.js';
import { MemoryReplayCache } from '../../../stores/memory/memory-replay.js';
import { DPOP_CLOCK_SKEW, DPOP_PROOF_VALIDITY } from './check-proof-iat.js';
import { readDPoPHeader } from './read-dpop-header.js';
import { validateDPoPProof } from './validate-dpop-proof.js';

// The memory replay cache expires entries by the real clock.
const NOW = Math.floor(Date.now() / 1000);
const URL_ = 'https://op.test/connect/token';
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const other = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const publicJwk = ec.publicKey.export({ format: 'jwk' });

function context(): ServerContext {
  const replay = new MemoryReplayCache();
  return { now: () => NOW, stores: { replay } } as unknown as ServerContext;
}

let counter = 0;
function proof(
  opts: {
    header?: Record<string, unknown>;
    payload?: Record<string, unknown>;
    privateKey?: KeyObject;
    alg?: string;
  } = {},
): string {
  const alg = opts.alg ?? 'ES256';
  const header = { typ: 'dpop+jwt', alg, jwk: publicJwk, ...opts.header };
  const payload = { htm: 'POST', htu: URL_, iat: NOW, jti: `jti-${++counter}`, ...opts.payload };
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  if (alg === 'none' || alg === 'HS256') return `${h}.${p}.c2ln`;
  const key = { key: opts.privateKey ?? ec.privateKey, dsaEncoding: 'ieee-p1363' as const };
  return `${h}.${p}.${sign('sha256', Buffer.from(`${h}.${p}`), key).toString('base64url')}`;
}

async function rejects(p: string, description: RegExp, expected: { accessToken?: string; method?: string } = {}) {
  await assert.rejects(
    validateDPoPProof(context(), p, { method: expected.method ?? 'POST', url: URL_, ...expected }),
    (e: unknown) => isOAuthError(e) && e.error === 'invalid_dpop_proof' && description.test(e.description),
  );
}

describe('DPoP proof validation (RFC 9449 §4.3)', () => {
  it('accepts a valid ES256 proof and returns the RFC 7638 thumbprint', async () => {
    const r = await validateDPoPProof(context(), proof(), { method: 'POST', url: URL_ });
    assert.match(r.jkt, /^[A-Za-z0-9_-]{43}$/);
  });

  it('ignores the query and fragment of htu (§4.3 check 9)', async () => {
    const p = proof({ payload: { htu: 'HTTPS://OP.test:443/connect/token?x=1#y' } });
    await validateDPoPProof(context(), p, { method: 'POST', url: URL_ });
  });

  it('refuses a repeated DPoP header (§4.3 check 1)', () => {
    const req = (dpop: string | string[]) => ({ headers: { dpop } }) as unknown as SigilRequest;
    assert.throws(() => readDPoPHeader(req(['a.b.c', 'a.b.c'])), /repeated/);
    assert.throws(() => readDPoPHeader(req('a.b.c, a.b.c')), /repeated/);
    assert.equal(readDPoPHeader({ headers: {} } as unknown as SigilRequest), undefined);
  });

  it('refuses something that is not a JWS', () => rejects('not-a-jwt', /compact JWS/));
  it('refuses a wrong typ', () => rejects(proof({ header: { typ: 'JWT' } }), /typ/));
  it('refuses alg none', () => rejects(proof({ alg: 'none' }), /alg/));
  it('refuses HS256', () => rejects(proof({ alg: 'HS256' }), /alg/));
  it('refuses a missing jwk', () => rejects(proof({ header: { jwk: undefined } }), /jwk/));
  it('refuses a private jwk', () =>
    rejects(proof({ header: { jwk: ec.privateKey.export({ format: 'jwk' }) } }), /private/));
  it('refuses a signature by another key', () => rejects(proof({ privateKey: other.privateKey }), /signature/));
  it('refuses a wrong htm', () => rejects(proof({ payload: { htm: 'GET' } }), /htm/));
  it('refuses a wrong htu', () => rejects(proof({ payload: { htu: 'https://op.test/connect/userinfo' } }), /htu/));
  it('refuses an iat too old', () =>
    rejects(proof({ payload: { iat: NOW - DPOP_PROOF_VALIDITY - DPOP_CLOCK_SKEW - 1 } }), /expired/));
  it('refuses an iat in the future', () => rejects(proof({ payload: { iat: NOW + DPOP_CLOCK_SKEW + 1 } }), /future/));
  it('refuses a missing iat', () => rejects(proof({ payload: { iat: undefined } }), /iat/));
  it('refuses a missing jti', () => rejects(proof({ payload: { jti: undefined } }), /jti/));

  it('refuses a replayed jti (§4.3 check 12)', async () => {
    const ctx = context();
    const p = proof();
    await validateDPoPProof(ctx, p, { method: 'POST', url: URL_ });
    await assert.rejects(
      validateDPoPProof(ctx, p, { method: 'POST', url: URL_ }),
      (e: unknown) => isOAuthError(e) && /already been used/.test(e.description),
    );
  });

  it('requires ath to hash the access token (§4.3 check 11)', async () => {
    await rejects(proof(), /"ath"/, { accessToken: 'token-value' });
    await rejects(proof({ payload: { ath: sha256b64url('other') } }), /"ath" does not match/, {
      accessToken: 'token-value',
    });
    const ok = proof({ payload: { ath: sha256b64url('token-value') } });
    await validateDPoPProof(context(), ok, { method: 'POST', url: URL_, accessToken: 'token-value' });
  });
});
