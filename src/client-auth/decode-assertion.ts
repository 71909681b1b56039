/**
 * Decoding of a client assertion without trusting it (RFC 7515 §7.1, RFC 7523 §3): size-limited
 * by `crypto/decode-jwt.ts`, and every failure reported as a reason string, so a hostile
 * assertion can never raise a parse error.
 */
import { type DecodedJwt, decodeJwt } from '../crypto/decode-jwt.js';
import { JwtError } from '../crypto/errors.js';
import { LIMITS } from '../host/form.js';

/**
 * The decoded assertion, or the reason it is not a well-formed compact JWS. JWE and unsigned
 * JWS are refused, and so is any `crit` header: Sigil understands no JWS extension
 * (RFC 7515 §4.1.11).
 */
export function decodeAssertion(assertion: string): DecodedJwt | string {
  let jws: DecodedJwt;
  try {
    jws = decodeJwt(assertion, LIMITS.jwt);
  } catch (e) {
    return e instanceof JwtError ? `assertion: ${e.message}` : 'assertion is not a compact JWS';
  }
  if (jws.signature.length === 0) return 'assertion has no signature';
  if ('crit' in jws.header) return 'assertion header has "crit"';
  return jws;
}
