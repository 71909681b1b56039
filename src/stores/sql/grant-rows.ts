import type { GrantType, PersistedGrant } from '../types.js';
import type { GrantRow } from './schema.js';

/** The row of a grant; absent optional fields become NULL. */
export function grantToRow(g: PersistedGrant): GrantRow {
  return {
    key: g.key,
    type: g.type,
    client_id: g.clientId,
    subject_id: g.subjectId ?? null,
    session_id: g.sessionId ?? null,
    family_id: g.familyId ?? null,
    created_at: g.createdAt,
    expires_at: g.expiresAt ?? null,
    consumed_at: g.consumedAt ?? null,
    data: g.data,
  };
}

/** The grant of a row; NULL columns become absent fields (not `undefined` ones). */
export function rowToGrant(r: GrantRow): PersistedGrant {
  const g: PersistedGrant = {
    key: r.key,
    type: r.type as GrantType,
    clientId: r.client_id,
    createdAt: Number(r.created_at),
    data: r.data,
  };
  if (r.subject_id !== null) g.subjectId = r.subject_id;
  if (r.session_id !== null) g.sessionId = r.session_id;
  if (r.family_id !== null) g.familyId = r.family_id;
  if (r.expires_at !== null) g.expiresAt = Number(r.expires_at);
  if (r.consumed_at !== null) g.consumedAt = Number(r.consumed_at);
  return g;
}
