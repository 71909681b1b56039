/**
 * Validates identity resources, API scopes and API resources and indexes them.
 */

import { ItemChecker } from './configuration-error.js';
import { DEFAULT_IDENTITY_RESOURCES, STANDARD_IDENTITY_RESOURCES, SUPPORTED_SIGNING_ALGORITHMS } from './defaults.js';
import type { ApiResource, ApiScope, IdentityResource, Resources } from './model.js';
import type { AccessTokenType } from './types.js';
import { readSecrets } from './validate-secrets.js';

const SCOPE_NAME = /^[\x21\x23-\x5B\x5D-\x7E]+$/; // RFC 6749 §3.3 scope-token

/** Validate and index every resource. */
export function validateResources(
  input: { identityResources?: unknown; apiScopes?: unknown; apiResources?: unknown },
  errors: string[],
  warnings: string[],
): Resources {
  const identityResources = new Map<string, IdentityResource>();
  const rawIdentity = input.identityResources ?? [...DEFAULT_IDENTITY_RESOURCES];
  if (!Array.isArray(rawIdentity)) errors.push('identityResources: must be an array');
  else
    rawIdentity.forEach((item, i) => {
      if (typeof item === 'string') {
        // Own properties only: "constructor" or "__proto__" must not resolve to Object.prototype members.
        const std = Object.hasOwn(STANDARD_IDENTITY_RESOURCES, item) ? STANDARD_IDENTITY_RESOURCES[item] : undefined;
        if (!std) {
          errors.push(
            `identityResources[${i}]: "${item}" is not a standard identity resource (openid, profile, email, address, phone)`,
          );
          return;
        }
        if (identityResources.has(item)) {
          errors.push(`identityResources[${i}]: "${item}" is defined twice`);
          return;
        }
        identityResources.set(item, {
          name: item,
          displayName: std.displayName,
          userClaims: std.userClaims,
          required: std.required ?? false,
          emphasize: false,
          enabled: true,
          showInDiscoveryDocument: true,
        });
        return;
      }
      const o = (item ?? {}) as Record<string, unknown>;
      const c = new ItemChecker(`identity resource "${typeof o.name === 'string' ? o.name : `#${i}`}"`, errors);
      const name = c.str(o, 'name', true) ?? '';
      if (name && !SCOPE_NAME.test(name)) c.fail('name', 'must be a valid scope token (RFC 6749 §3.3)');
      if (identityResources.has(name)) c.fail('name', 'is defined twice');
      identityResources.set(name, {
        name,
        displayName: c.str(o, 'displayName'),
        description: c.str(o, 'description'),
        userClaims: c.strings(o, 'userClaims'),
        required: c.bool(o, 'required', name === 'openid'),
        emphasize: c.bool(o, 'emphasize', false),
        enabled: c.bool(o, 'enabled', true),
        showInDiscoveryDocument: c.bool(o, 'showInDiscoveryDocument', true),
      });
    });
  if (!identityResources.has('openid') && identityResources.size > 0) {
    warnings.push('identityResources: "openid" is not defined, so OpenID Connect requests will be refused');
  }

  const apiScopes = new Map<string, ApiScope>();
  const rawScopes = input.apiScopes ?? [];
  if (!Array.isArray(rawScopes)) errors.push('apiScopes: must be an array');
  else
    rawScopes.forEach((item, i) => {
      const o = (typeof item === 'string' ? { name: item } : (item ?? {})) as Record<string, unknown>;
      const c = new ItemChecker(`API scope "${typeof o.name === 'string' ? o.name : `#${i}`}"`, errors);
      const name = c.str(o, 'name', true) ?? '';
      if (name && !SCOPE_NAME.test(name)) c.fail('name', 'must be a valid scope token (RFC 6749 §3.3)');
      if (apiScopes.has(name) || identityResources.has(name)) c.fail('name', 'is defined twice');
      if (name === 'offline_access') c.fail('name', '"offline_access" is reserved');
      apiScopes.set(name, {
        name,
        displayName: c.str(o, 'displayName'),
        description: c.str(o, 'description'),
        userClaims: c.strings(o, 'userClaims'),
        required: c.bool(o, 'required', false),
        emphasize: c.bool(o, 'emphasize', false),
        enabled: c.bool(o, 'enabled', true),
        showInDiscoveryDocument: c.bool(o, 'showInDiscoveryDocument', true),
      });
    });

  const apiResources = new Map<string, ApiResource>();
  const byScope = new Map<string, ApiResource[]>();
  const rawApis = input.apiResources ?? [];
  if (!Array.isArray(rawApis)) errors.push('apiResources: must be an array');
  else
    rawApis.forEach((item, i) => {
      const o = (item ?? {}) as Record<string, unknown>;
      const c = new ItemChecker(`API resource "${typeof o.name === 'string' ? o.name : `#${i}`}"`, errors);
      const name = c.str(o, 'name', true) ?? '';
      if (apiResources.has(name)) c.fail('name', 'is defined twice');
      const scopes = c.strings(o, 'scopes');
      for (const s of scopes) if (!apiScopes.has(s)) c.fail('scopes', `"${s}" is not a defined API scope`);
      const algs = c.strings(o, 'allowedAccessTokenSigningAlgorithms');
      for (const a of algs)
        if (!SUPPORTED_SIGNING_ALGORITHMS.includes(a))
          c.fail('allowedAccessTokenSigningAlgorithms', `"${a}" is not supported`);
      const r: ApiResource = {
        name,
        displayName: c.str(o, 'displayName'),
        scopes,
        secrets: readSecrets(c, o.apiSecrets, 'apiSecrets', warnings).hashed,
        userClaims: c.strings(o, 'userClaims'),
        allowedAccessTokenSigningAlgorithms: algs,
        accessTokenType:
          o.accessTokenType === undefined
            ? undefined
            : c.oneOf<AccessTokenType>(o, 'accessTokenType', ['jwt', 'reference'], 'jwt'),
        requireResourceIndicator: c.bool(o, 'requireResourceIndicator', false),
        enabled: c.bool(o, 'enabled', true),
      };
      apiResources.set(name, r);
      for (const s of scopes) byScope.set(s, [...(byScope.get(s) ?? []), r]);
    });
  return { identityResources, apiScopes, apiResources, apiResourcesByScope: byScope };
}
