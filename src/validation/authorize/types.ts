/**
 * Types of the authorize validation table: the draft the `check-*` steps fill in, the step shape,
 * and the frozen {@link ValidatedAuthorizeRequest} that is the only thing downstream code reads.
 */
import type { Client } from '../../config/model.js';
import type { ServerContext } from '../../context.js';
import type { Params } from '../../host/form.js';
import type { ValidatedResources } from '../common/scopes.js';

/** The endpoints that share the table (STYLE rule 9). Each step names the flows it runs in. */
export type AuthorizeFlow = 'authorize' | 'par' | 'device' | 'ciba';

/** How the authorization response is delivered (OAuth 2.0 Multiple Response Types §2.1, Form Post §2). */
export type ResponseMode = 'query' | 'fragment' | 'form_post';

/** `prompt` values (OpenID Connect Core §3.1.2.1; `create` from Initiating User Registration 1.0). */
export type PromptValue = 'none' | 'login' | 'consent' | 'select_account' | 'create';

/** The grant a response type belongs to (Duende's mapping). */
export type AuthorizeGrantType = 'authorization_code' | 'implicit' | 'hybrid';

/** The response types Sigil validates, normalised to this order. */
export type ResponseType =
  | 'code'
  | 'token'
  | 'id_token'
  | 'id_token token'
  | 'code id_token'
  | 'code token'
  | 'code id_token token';

/** One requested claim of the `claims` parameter (OpenID Connect Core §5.5.1): `null` or its options. */
export type ClaimRequest = null | {
  readonly essential?: boolean;
  readonly value?: unknown;
  readonly values?: readonly unknown[];
};

/** The parsed `claims` parameter (OpenID Connect Core §5.5). */
export interface ClaimsRequest {
  readonly userinfo?: Readonly<Record<string, ClaimRequest>>;
  readonly id_token?: Readonly<Record<string, ClaimRequest>>;
}

/** What a verified `id_token_hint` says (OpenID Connect Core §3.1.2.1). */
export interface IdTokenHint {
  readonly sub: string;
  /** The session id the hint was issued in, when it carries one. */
  readonly sid?: string;
}

/** The mutable state the steps fill in. Only the table's runner creates and freezes it. */
export interface AuthorizeDraft {
  readonly ctx: ServerContext;
  readonly params: Params;
  readonly flow: AuthorizeFlow;
  /** Preset by endpoints that authenticated the client already (PAR, CIBA). */
  client?: Client;
  /** The parameters came from a pushed authorization request (RFC 9126 §4), not from the browser. */
  pushed?: boolean;
  redirectUri?: string;
  redirectUriParam?: string;
  state?: string;
  responseType?: ResponseType;
  grantType?: AuthorizeGrantType;
  responseMode?: ResponseMode;
  resources?: ValidatedResources;
  isOpenId?: boolean;
  resourceIndicators?: readonly string[];
  pkce?: { readonly challenge: string; readonly method: 'S256' | 'plain' };
  nonce?: string;
  prompt?: ReadonlySet<PromptValue>;
  maxAge?: number;
  idTokenHint?: IdTokenHint;
  loginHint?: string;
  acrValues?: readonly string[];
  idp?: string;
  tenant?: string;
  uiLocales?: string;
  claimsRequest?: ClaimsRequest;
  dpopJkt?: string;
}

/** A named step of the table. */
export interface AuthorizeStep {
  /** The file name of the step, e.g. `check-pkce`. */
  readonly name: string;
  /** The flows the step runs in. */
  readonly flows: ReadonlySet<AuthorizeFlow>;
  /** Throws an `OAuthError` naming the parameter, or fills the draft. */
  run(draft: AuthorizeDraft): void | Promise<void>;
}

/**
 * A validated authorization request (Duende `ValidatedAuthorizeRequest`). Frozen; nothing after
 * validation reads the raw parameters, except to seal the request into a return URL.
 */
export interface ValidatedAuthorizeRequest {
  readonly client: Client;
  /** The redirect URI responses go to: the parameter, or the only registered one when it was omitted. */
  readonly redirectUri: string;
  /** The `redirect_uri` parameter as sent; undefined when omitted (plain OAuth with one registered URI). */
  readonly redirectUriParam?: string;
  readonly responseType: ResponseType;
  readonly grantType: AuthorizeGrantType;
  readonly responseMode: ResponseMode;
  readonly state?: string;
  /** Requested scopes, in request order, and the resources they name. */
  readonly resources: ValidatedResources;
  /** True when `openid` was requested. */
  readonly isOpenId: boolean;
  /** RFC 8707 `resource` values. */
  readonly resourceIndicators: readonly string[];
  readonly pkce?: { readonly challenge: string; readonly method: 'S256' | 'plain' };
  readonly nonce?: string;
  readonly prompt: ReadonlySet<PromptValue>;
  readonly maxAge?: number;
  readonly idTokenHint?: IdTokenHint;
  readonly loginHint?: string;
  /** `acr_values` without the `idp:` and `tenant:` entries. */
  readonly acrValues: readonly string[];
  /** From `acr_values` `idp:<name>` (Duende). */
  readonly idp?: string;
  /** From `acr_values` `tenant:<name>` (Duende). */
  readonly tenant?: string;
  readonly uiLocales?: string;
  readonly claimsRequest?: ClaimsRequest;
  /** RFC 9449 §10 `dpop_jkt`. */
  readonly dpopJkt?: string;
  /** The known parameters as received, to seal the request into the login/consent return URL. */
  readonly parameters: Readonly<Record<string, string | readonly string[]>>;
}
