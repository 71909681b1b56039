/**
 * `check-claims`: the `claims` parameter is a JSON object whose `userinfo` and `id_token` members
 * map claim names to `null` or `{ essential, value, values }`.
 */
import { InvalidRequest } from '../../errors/oauth-error.js';
import type { AuthorizeDraft, ClaimRequest, ClaimsRequest } from './types.js';

const MAX_LENGTH = 4096;
const MEMBERS = ['userinfo', 'id_token'] as const;

function invalid(why: string): InvalidRequest {
  return new InvalidRequest(`"claims" ${why}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readMember(value: unknown, member: string): Readonly<Record<string, ClaimRequest>> {
  if (!isObject(value)) throw invalid(`"${member}" must be a JSON object`);
  const entries = Object.entries(value).map(([name, request]): [string, ClaimRequest] => {
    if (request === null) return [name, null];
    if (!isObject(request)) throw invalid(`"${member}" members must be null or objects`);
    if (request.essential !== undefined && typeof request.essential !== 'boolean')
      throw invalid('"essential" must be a boolean');
    if (request.values !== undefined && !Array.isArray(request.values)) throw invalid('"values" must be an array');
    return [name, Object.freeze({ essential: request.essential, value: request.value, values: request.values })];
  });
  // fromEntries defines own properties, so a "__proto__" claim name cannot change the prototype.
  return Object.freeze(Object.fromEntries(entries));
}

/** Parse and check the `claims` parameter. */
// OpenID Connect Core §5.5
export function checkClaims(d: AuthorizeDraft): void {
  const raw = d.params.get('claims', MAX_LENGTH);
  if (raw === undefined) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalid('must be a JSON object');
  }
  if (!isObject(parsed)) throw invalid('must be a JSON object');
  if (!d.isOpenId) throw invalid('requires the "openid" scope');
  const out: { userinfo?: Readonly<Record<string, ClaimRequest>>; id_token?: Readonly<Record<string, ClaimRequest>> } =
    {};
  for (const member of MEMBERS) if (parsed[member] !== undefined) out[member] = readMember(parsed[member], member);
  // OpenID Connect Core §5.5: userinfo claims need an access token to be useful.
  if (out.userinfo && d.responseType === 'id_token')
    throw invalid('"userinfo" requires a response type that returns an access token');
  d.claimsRequest = Object.freeze(out) as ClaimsRequest;
}
