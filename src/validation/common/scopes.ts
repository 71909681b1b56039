/**
 * Scope validation (RFC 6749 §3.3) against the client's allowed scopes and the defined resources
 * (Duende `DefaultResourceValidator`).
 */
import type { ApiResource, ApiScope, Client, IdentityResource, Resources } from '../../config/model.js';
import { InvalidScope } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';

/** The resources a request was granted. */
export interface ValidatedResources {
  /** Granted scope names, in request order. */
  readonly scopes: readonly string[];
  readonly identityResources: readonly IdentityResource[];
  readonly apiScopes: readonly ApiScope[];
  /** API resources the API scopes belong to; their names are the access token audiences. */
  readonly apiResources: readonly ApiResource[];
  readonly offlineAccess: boolean;
}

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** What a grant allows. */
export interface ScopeRules {
  /** Identity scopes (`openid`, `profile`, ...) may be requested (user-facing grants only). */
  allowIdentity: boolean;
  /** `offline_access` may be requested. */
  allowOffline: boolean;
}

/**
 * Validate a `scope` parameter. When it is absent, every scope the client may request under
 * `rules` is granted (Duende's behaviour for client_credentials).
 */
export function validateScopes(
  client: Client,
  scope: string | undefined,
  resources: Resources,
  rules: ScopeRules,
): ValidatedResources {
  if (scope !== undefined && scope.length > LIMITS.scope)
    throw new InvalidScope(`"scope" is too long (at most ${LIMITS.scope} characters)`);
  const requested = scope === undefined ? defaultScopes(client, resources, rules) : scope.split(' ');
  const seen = new Set<string>();
  const identityResources: IdentityResource[] = [];
  const apiScopes: ApiScope[] = [];
  const apiResources = new Map<string, ApiResource>();
  let offlineAccess = false;
  for (const s of requested) {
    if (s === '') throw new InvalidScope('"scope" must be scope tokens separated by single spaces');
    if (!SCOPE_TOKEN.test(s)) throw new InvalidScope(`"scope" contains an invalid scope token`);
    if (seen.has(s)) continue;
    seen.add(s);
    if (!client.allowedScopes.has(s)) throw new InvalidScope(`scope "${s}" is not allowed for this client`);
    if (s === 'offline_access') {
      if (!rules.allowOffline || !client.allowOfflineAccess)
        throw new InvalidScope('scope "offline_access" is not allowed for this request');
      offlineAccess = true;
      continue;
    }
    const idr = resources.identityResources.get(s);
    if (idr) {
      if (!rules.allowIdentity) throw new InvalidScope(`identity scope "${s}" is not allowed for this grant`);
      if (!idr.enabled) throw new InvalidScope(`scope "${s}" is disabled`);
      identityResources.push(idr);
      continue;
    }
    const api = resources.apiScopes.get(s);
    if (!api?.enabled) throw new InvalidScope(`scope "${s}" is not defined`);
    apiScopes.push(api);
    for (const r of resources.apiResourcesByScope.get(s) ?? []) if (r.enabled) apiResources.set(r.name, r);
  }
  if (seen.size === 0)
    throw new InvalidScope('no scope was requested and the client has no allowed scopes for this grant');
  return { scopes: [...seen], identityResources, apiScopes, apiResources: [...apiResources.values()], offlineAccess };
}

function defaultScopes(client: Client, resources: Resources, rules: ScopeRules): string[] {
  const out: string[] = [];
  for (const s of client.allowedScopes) {
    if (s === 'offline_access') continue;
    if (!rules.allowIdentity && resources.identityResources.has(s)) continue;
    out.push(s);
  }
  return out;
}
