/**
 * `check-resource`: each `resource` names a known API resource that one of the requested scopes
 * belongs to. The token endpoint later narrows each access token to one of them.
 */
import { InvalidTarget } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import type { AuthorizeDraft } from './types.js';

/** Check every `resource` indicator. */
// RFC 8707 §2
export function checkResource(d: AuthorizeDraft): void {
  const values = [...new Set(d.params.getAll('resource', LIMITS.resource))];
  const requested = new Set(d.resources!.apiScopes.map((s) => s.name));
  for (const name of values) {
    if (name.includes('#')) throw new InvalidTarget('"resource" must not contain a fragment');
    const resource = d.ctx.options.resources.apiResources.get(name);
    if (!resource?.enabled) throw new InvalidTarget('"resource" is not a known API resource');
    if (!resource.scopes.some((s) => requested.has(s)))
      throw new InvalidTarget('"resource" has none of the requested scopes');
  }
  d.resourceIndicators = values;
}
