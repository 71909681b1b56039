/**
 * The consent API on the server object (`server.consents`): list a user's remembered consents and
 * revoke them, together with the refresh and reference tokens the user gave the client (Duende
 * `IIdentityServerInteractionService.RevokeUserConsentAsync` / `IPersistedGrantService`).
 */
import type { ServerContext } from '../context.js';
import { type Consent, listConsents } from './consent-store.js';

/** A remembered consent with the client's display name. */
export interface ConsentSummary extends Consent {
  readonly clientName?: string;
}

/**
 * Lists and revokes remembered consents.
 *
 * @example
 * ```ts
 * const consents = await sigil.consents.list('alice');
 * // [{ clientId: 'demo-web', clientName: 'Demo web app', scopes: ['openid', 'profile'], createdAt, expiresAt }]
 * await sigil.consents.revoke('alice', 'demo-web'); // the consent, and alice's tokens for demo-web
 * ```
 */
export interface ConsentService {
  /** The user's live remembered consents. */
  list(subjectId: string): Promise<ConsentSummary[]>;
  /**
   * Forget the user's consent for `clientId` (or for every client) and remove every grant the user
   * holds for it: refresh tokens, reference tokens, unused codes. Raises `GrantsRevoked`. Returns
   * how many grants were removed.
   */
  revoke(subjectId: string, clientId?: string): Promise<number>;
}

/** Create the consent service. */
export function createConsentService(ctx: ServerContext): ConsentService {
  return {
    async list(subjectId) {
      if (!subjectId) throw new TypeError('consents.list needs a subjectId');
      const consents = await listConsents(ctx, subjectId);
      return consents.map((c) => ({ ...c, clientName: ctx.clients.find(c.clientId)?.clientName }));
    },
    async revoke(subjectId, clientId) {
      if (!subjectId) throw new TypeError('consents.revoke needs a subjectId');
      const removed = await ctx.stores.grants.removeAll(
        clientId === undefined ? { subjectId } : { subjectId, clientId },
      );
      if (ctx.events.enabled('Information')) {
        ctx.events.raise({
          name: 'GrantsRevoked',
          id: 4002,
          type: 'Information',
          category: 'Grants',
          subjectId,
          clientId,
        });
      }
      return removed;
    },
  };
}
