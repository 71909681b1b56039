/**
 * What a login, consent or sign-up page may know about the request it serves (Duende
 * `AuthorizationRequest`): the client, the requested scopes with their display names, and the
 * hints of the request. Never the nonce, the PKCE challenge or the `id_token_hint` itself.
 */
import type { ValidatedAuthorizeRequest } from '../validation/authorize/types.js';
import type { PendingAuthorization } from './pending-authorization.js';

/** A requested scope as a page shows it. */
export interface RequestedScope {
  readonly name: string;
  readonly displayName?: string;
  readonly description?: string;
  /** Cannot be declined on the consent page. */
  readonly required: boolean;
  readonly emphasize: boolean;
}

/** The pending authorization request behind a return URL. */
export interface AuthorizationContext {
  readonly client: { readonly clientId: string; readonly clientName?: string };
  readonly redirectUri: string;
  /** Every requested scope, in request order. */
  readonly scopes: readonly string[];
  readonly identityScopes: readonly RequestedScope[];
  readonly apiScopes: readonly RequestedScope[];
  /** True when `offline_access` (a refresh token) was requested. */
  readonly offlineAccess: boolean;
  /** RFC 8707 resource indicators. */
  readonly resources: readonly string[];
  readonly prompt: readonly string[];
  readonly loginHint?: string;
  /** The `sub` of a verified `id_token_hint`: the user who must sign in. */
  readonly subjectHint?: string;
  readonly uiLocales?: string;
  readonly acrValues: readonly string[];
  readonly idp?: string;
  readonly tenant?: string;
  readonly maxAge?: number;
  /** When the request arrived, epoch seconds. */
  readonly issuedAt: number;
  /** The request waited too long; continuing it answers the client with `access_denied`. */
  readonly expired: boolean;
}

/** The page-facing view of a validated pending request. */
export function toAuthorizationContext(
  r: ValidatedAuthorizeRequest,
  p: PendingAuthorization,
  expired: boolean,
): AuthorizationContext {
  return Object.freeze({
    client: Object.freeze({ clientId: r.client.clientId, clientName: r.client.clientName }),
    redirectUri: r.redirectUri,
    scopes: r.resources.scopes,
    identityScopes: r.resources.identityResources.map((i) => ({
      name: i.name,
      displayName: i.displayName,
      description: i.description,
      required: i.required,
      emphasize: i.emphasize,
    })),
    apiScopes: r.resources.apiScopes.map((a) => ({
      name: a.name,
      displayName: a.displayName,
      description: a.description,
      required: a.required,
      emphasize: a.emphasize,
    })),
    offlineAccess: r.resources.offlineAccess,
    resources: r.resourceIndicators,
    prompt: [...r.prompt],
    loginHint: r.loginHint,
    subjectHint: r.idTokenHint?.sub,
    uiLocales: r.uiLocales,
    acrValues: r.acrValues,
    idp: r.idp,
    tenant: r.tenant,
    maxAge: r.maxAge,
    issuedAt: p.issuedAt,
    expired,
  });
}
