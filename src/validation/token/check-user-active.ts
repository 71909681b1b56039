/**
 * The profile service's verdict on a user before tokens are issued for them (Duende
 * `IProfileService.IsActiveAsync`, called on code redemption and on refresh).
 */
import type { Client } from '../../config/model.js';
import type { ServerContext } from '../../context.js';
import { InvalidGrant } from '../../errors/oauth-error.js';

/** Throw `invalid_grant` when the profile service says the user may no longer get tokens. */
export async function checkUserActive(
  ctx: ServerContext,
  client: Client,
  subjectId: string,
  sessionId: string | undefined,
): Promise<void> {
  const active = await ctx.profile.isActive({ subjectId, client, caller: 'AccessToken', sessionId });
  if (!active) throw new InvalidGrant('the user is not active', { detail: `subject "${subjectId}" is inactive` });
}
