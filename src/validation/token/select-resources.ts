/**
 * What the tokens of a user grant are for: the authorization's scopes, narrowed by `scope`
 * (RFC 6749 §6: never wider than the original grant) and by `resource` (RFC 8707 §2.2: one of the
 * resources of the authorization request when it named any).
 */
import type { Client, Resources } from '../../config/model.js';
import { InvalidScope, InvalidTarget } from '../../errors/oauth-error.js';
import { applyResourceIndicators } from '../common/resource-indicators.js';
import { type ValidatedResources, validateScopes } from '../common/scopes.js';

/** The narrowing a token request asks for. */
export interface Narrowing {
  /** The `scope` parameter, or undefined for the whole authorization. */
  readonly scope?: string;
  /** The `resource` parameters. */
  readonly resource: readonly string[];
}

/**
 * Validate the authorization's scopes against the client's current configuration and narrow
 * them. `offline_access` is dropped, not refused, when the client no longer allows offline access.
 */
export function selectResources(
  client: Client,
  resources: Resources,
  authorization: { readonly scopes: readonly string[]; readonly resources: readonly string[] },
  narrowing: Narrowing,
): ValidatedResources {
  let scopes: readonly string[] = authorization.scopes;
  if (narrowing.scope !== undefined) {
    // RFC 6749 §6: "MUST NOT include any scope not originally granted by the resource owner".
    const granted = new Set(authorization.scopes);
    for (const s of narrowing.scope.split(' '))
      if (s !== '' && !granted.has(s)) throw new InvalidScope(`scope "${s}" was not part of the original grant`);
    scopes = narrowing.scope.split(' ');
  }
  if (!client.allowOfflineAccess) scopes = scopes.filter((s) => s !== 'offline_access');
  const validated = validateScopes(client, scopes.join(' '), resources, { allowIdentity: true, allowOffline: true });
  return narrowAudience(validated, narrowing.resource, authorization.resources, resources);
}

// RFC 8707 §2.2
function narrowAudience(
  validated: ValidatedResources,
  requested: readonly string[],
  authorized: readonly string[],
  resources: Resources,
): ValidatedResources {
  if (authorized.length === 0 || requested.length > 0) {
    for (const r of requested)
      if (authorized.length > 0 && !authorized.includes(r))
        throw new InvalidTarget(`"resource" ${JSON.stringify(r)} was not part of the authorization request`);
    return applyResourceIndicators(validated, requested, resources);
  }
  // Without `resource` here, the audience is what the authorization request indicated.
  const names = new Set(authorized);
  const apiResources = validated.apiResources.filter((r) => names.has(r.name));
  return { ...validated, apiResources };
}
