/**
 * `check-proof-htu`: RFC 9449 §4.3 check 9, `htu` is the URL of the endpoint, ignoring query and
 * fragment, after syntax-based normalisation (RFC 3986 §6.2.2, §6.2.3: case of scheme and host,
 * default port, percent-encoding).
 */
import { InvalidDPoPProof } from '../../../errors/oauth-error.js';
import type { DPoPProofDraft } from './types.js';

/** `url` without query and fragment, normalised by the WHATWG parser; undefined when unparsable. */
export function normalizeHtu(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** Require `htu` to name the endpoint the request was sent to. */
export function checkProofHtu(d: DPoPProofDraft): void {
  const htu = d.jws.payload.htu;
  if (typeof htu !== 'string' || normalizeHtu(htu) !== normalizeHtu(d.expected.url))
    throw new InvalidDPoPProof(`the proof "htu" must be "${d.expected.url}"`);
}
