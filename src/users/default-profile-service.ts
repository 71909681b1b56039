/**
 * The default profile service (Duende `DefaultProfileService`): the user's stored claims, limited
 * to the requested claim types; active while the user exists.
 */
import type { ProfileService, UserStore } from './types.js';

/** Build the default profile service over a user store. */
export function createDefaultProfileService(users: UserStore): ProfileService {
  return {
    async getClaims({ subjectId, requestedClaimTypes }) {
      const user = await users.findBySubject(subjectId);
      const out: Record<string, unknown> = {};
      if (!user) return out;
      for (const type of requestedClaimTypes) {
        const v = user.claims[type];
        if (v !== undefined) out[type] = v;
      }
      return out;
    },
    async isActive({ subjectId }) {
      return (await users.findBySubject(subjectId)) !== undefined;
    },
  };
}
