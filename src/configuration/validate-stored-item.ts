/**
 * Validates one database item with the validators the options use (`validateResources`,
 * `validateClient`), in the context of everything accepted before it: an API resource's scopes
 * and a client's allowed scopes must exist among the file's and the database's resources.
 */
import type { ApiResource, ApiScope, Client, IdentityResource } from '../config/model.js';
import { validateClient } from '../config/validate-client.js';
import { validateResources } from '../config/validate-resources.js';
import type { ConfigurationKind } from '../stores/types.js';

/** A validated item of any kind. */
export type ConfigurationItem = Client | ApiScope | ApiResource | IdentityResource;

/** The outcome of validating one item: the item when `problems` is empty. */
export interface ItemCheck {
  readonly item?: ConfigurationItem;
  readonly problems: readonly string[];
  readonly warnings: readonly string[];
}

/** What an item is validated against. */
export interface ValidationScope {
  readonly identityResources: ReadonlyMap<string, IdentityResource>;
  readonly apiScopes: ReadonlyMap<string, ApiScope>;
  /** Identity resource and API scope names (for clients' `allowedScopes`). */
  readonly knownScopes: ReadonlySet<string>;
  /** Grant types registered by extensions. */
  readonly extraGrantTypes: ReadonlySet<string>;
}

/**
 * Validate one stored item of `kind`. Name clashes with other items are the caller's business;
 * this checks the item itself and its references.
 *
 * @example
 * ```ts
 * const { item, problems } = validateStoredItem('apiScope', { name: 'orders.read' }, scope);
 * ```
 */
export function validateStoredItem(kind: ConfigurationKind, raw: unknown, scope: ValidationScope): ItemCheck {
  const problems: string[] = [];
  const warnings: string[] = [];
  let item: ConfigurationItem | undefined;
  if (kind === 'client') {
    item = validateClient(raw, 0, scope.knownScopes, scope.extraGrantTypes, problems, warnings);
  } else if (kind === 'identityResource') {
    const r = validateResources({ identityResources: [raw], apiScopes: [], apiResources: [] }, problems, warnings);
    item = first(r.identityResources);
    // A single item is validated alone, so "openid is not defined" would be said of every one.
    dropListWarnings(warnings);
  } else if (kind === 'apiScope') {
    item = first(
      validateResources({ identityResources: [], apiScopes: [raw], apiResources: [] }, problems, warnings).apiScopes,
    );
  } else {
    // Only the scopes this resource names are passed along: validating every scope again for
    // each resource would make a reload quadratic.
    const named = (raw as { scopes?: unknown } | null)?.scopes;
    const existing = Array.isArray(named)
      ? [...new Set(named.filter((s): s is string => typeof s === 'string' && scope.apiScopes.has(s)))]
      : [];
    const r = validateResources(
      { identityResources: [], apiScopes: existing, apiResources: [raw] },
      problems,
      warnings,
    );
    item = first(r.apiResources);
  }
  return problems.length ? { problems, warnings } : { item, problems, warnings };
}

/**
 * Whether an item validated earlier from the same JSON would pass again in `scope`: its own
 * fields cannot have changed, so only its references need checking. Lets a reload skip
 * re-validating the items that did not change.
 *
 * @example
 * ```ts
 * if (sameJson && stillValid('client', earlier.item, scope)) reuse(earlier);
 * ```
 */
export function stillValid(kind: ConfigurationKind, item: ConfigurationItem, scope: ValidationScope): boolean {
  if (kind === 'client') {
    for (const s of (item as Client).allowedScopes)
      if (s !== 'offline_access' && !scope.knownScopes.has(s)) return false;
    return true;
  }
  if (kind === 'apiResource') return (item as ApiResource).scopes.every((s) => scope.apiScopes.has(s));
  return true;
}

function first<T>(map: ReadonlyMap<string, T>): T | undefined {
  for (const v of map.values()) return v;
  return undefined;
}

function dropListWarnings(warnings: string[]): void {
  for (let i = warnings.length - 1; i >= 0; i--)
    if (warnings[i]!.startsWith('identityResources:')) warnings.splice(i, 1);
}
