/**
 * Validates an authorization request with the shared table and freezes the result (Duende
 * `AuthorizeRequestValidator`). The draft stays readable after a failure, so the error boundary
 * knows whether a redirect URI was validated.
 */
import type { Client } from '../../config/model.js';
import type { ServerContext } from '../../context.js';
import type { Params } from '../../host/form.js';
import { AUTHORIZE_STEPS, runAuthorizeSteps } from './authorize-steps.js';
import { AUTHORIZE_PARAMETER_LIMITS } from './parameter-limits.js';
import type { AuthorizeDraft, AuthorizeFlow, AuthorizeStep, ValidatedAuthorizeRequest } from './types.js';

/**
 * A new draft for `params`. `preset.client` is the client an endpoint authenticated already (PAR);
 * `preset.pushed` says the parameters came from a pushed authorization request (RFC 9126 §4).
 */
export function newAuthorizeDraft(
  ctx: ServerContext,
  params: Params,
  flow: AuthorizeFlow = 'authorize',
  preset: { readonly client?: Client; readonly pushed?: boolean } = {},
): AuthorizeDraft {
  return { ctx, params, flow, client: preset.client, pushed: preset.pushed === true };
}

/** The known parameters with their values, for sealing into a return URL. */
function knownParameters(params: Params): Record<string, string | readonly string[]> {
  const out: Record<string, string | readonly string[]> = {};
  for (const name of Object.keys(AUTHORIZE_PARAMETER_LIMITS)) {
    const values = params.getAll(name, Number.MAX_SAFE_INTEGER);
    if (values.length === 1) out[name] = values[0]!;
    else if (values.length > 1) out[name] = Object.freeze(values);
  }
  return out;
}

/** Freeze a draft that passed every browser step into a {@link ValidatedAuthorizeRequest}. */
export function freezeAuthorizeRequest(d: AuthorizeDraft): ValidatedAuthorizeRequest {
  const missing = (what: string): never => {
    throw new Error(`authorize validation did not set ${what}`);
  };
  return Object.freeze({
    client: d.client ?? missing('client'),
    redirectUri: d.redirectUri ?? missing('redirectUri'),
    redirectUriParam: d.redirectUriParam,
    responseType: d.responseType ?? missing('responseType'),
    grantType: d.grantType ?? missing('grantType'),
    responseMode: d.responseMode ?? missing('responseMode'),
    state: d.state,
    resources: d.resources ?? missing('resources'),
    isOpenId: d.isOpenId ?? false,
    resourceIndicators: Object.freeze([...(d.resourceIndicators ?? [])]),
    pkce: d.pkce && Object.freeze({ ...d.pkce }),
    nonce: d.nonce,
    prompt: d.prompt ?? new Set(),
    maxAge: d.maxAge,
    idTokenHint: d.idTokenHint && Object.freeze({ ...d.idTokenHint }),
    loginHint: d.loginHint,
    acrValues: Object.freeze([...(d.acrValues ?? [])]),
    idp: d.idp,
    tenant: d.tenant,
    uiLocales: d.uiLocales,
    claimsRequest: d.claimsRequest,
    dpopJkt: d.dpopJkt,
    parameters: Object.freeze(knownParameters(d.params)),
  });
}

/**
 * Validate an authorization request: run the table on `draft` and freeze the result. Throws the
 * first step's `OAuthError`; `draft` then shows how far validation got.
 *
 * @example
 * ```ts
 * const draft = newAuthorizeDraft(ctx, readQuery(req));
 * const request = await validateAuthorizeRequest(draft); // ValidatedAuthorizeRequest, frozen
 * ```
 */
export async function validateAuthorizeRequest(
  draft: AuthorizeDraft,
  steps: readonly AuthorizeStep[] = AUTHORIZE_STEPS,
): Promise<ValidatedAuthorizeRequest> {
  await runAuthorizeSteps(draft, steps);
  return freezeAuthorizeRequest(draft);
}
