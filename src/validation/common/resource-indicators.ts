/**
 * Resource indicators (RFC 8707): a `resource` parameter selects the API resource an access
 * token is for, narrowing its audience and scopes. Resources are named by API resource `name`.
 */
import type { Resources } from '../../config/model.js';
import { InvalidTarget } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import type { ValidatedResources } from './scopes.js';

/**
 * Apply `resource` values to validated resources. At the token endpoint only one resource is
 * allowed per access token (as Duende). Without `resource`, API resources that require an
 * indicator are left out of the audience.
 */
export function applyResourceIndicators(
  validated: ValidatedResources,
  resourceParams: readonly string[],
  resources: Resources,
): ValidatedResources {
  // RFC 8707 §2
  if (resourceParams.length === 0) {
    const apiResources = validated.apiResources.filter((r) => !r.requireResourceIndicator);
    return apiResources.length === validated.apiResources.length ? validated : { ...validated, apiResources };
  }
  if (resourceParams.length > 1) throw new InvalidTarget('only one "resource" may be requested per access token');
  const name = resourceParams[0]!;
  if (name.length > LIMITS.resource)
    throw new InvalidTarget(`"resource" is too long (at most ${LIMITS.resource} characters)`);
  if (name.includes('#')) throw new InvalidTarget('"resource" must not contain a fragment');
  const resource = resources.apiResources.get(name);
  if (!resource?.enabled) throw new InvalidTarget(`"resource" ${JSON.stringify(name)} is not a known API resource`);
  const scopeSet = new Set(resource.scopes);
  const apiScopes = validated.apiScopes.filter((s) => scopeSet.has(s.name));
  if (apiScopes.length === 0)
    throw new InvalidTarget(`none of the requested scopes belongs to the resource ${JSON.stringify(name)}`);
  const keep = new Set([...validated.identityResources.map((r) => r.name), ...apiScopes.map((s) => s.name)]);
  if (validated.offlineAccess) keep.add('offline_access');
  return {
    ...validated,
    scopes: validated.scopes.filter((s) => keep.has(s)),
    apiScopes,
    apiResources: [resource],
  };
}
