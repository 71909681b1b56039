/**
 * The one table of authorization request checks, shared by the authorize endpoint, PAR, device
 * authorization and CIBA (STYLE rule 9). A reader sees here, in order, which check runs where;
 * each step lives in the `check-*.ts` file of its name.
 */
import { checkAcrValues } from './check-acr-values.js';
import { checkClaims } from './check-claims.js';
import { checkClient } from './check-client.js';
import { checkDpopJkt } from './check-dpop-jkt.js';
import { checkIdTokenHint } from './check-id-token-hint.js';
import { checkLoginHint } from './check-login-hint.js';
import { checkMaxAge } from './check-max-age.js';
import { checkNonce } from './check-nonce.js';
import { checkParameterLimits } from './check-parameter-limits.js';
import { checkPkce } from './check-pkce.js';
import { checkPrompt } from './check-prompt.js';
import { checkPushedAuthorization } from './check-pushed-authorization.js';
import { checkRedirectUri } from './check-redirect-uri.js';
import { checkRequestObject } from './check-request-object.js';
import { checkResource } from './check-resource.js';
import { checkResponseMode } from './check-response-mode.js';
import { checkResponseType } from './check-response-type.js';
import { checkScope } from './check-scope.js';
import { checkState } from './check-state.js';
import { checkUiLocales } from './check-ui-locales.js';
import type { AuthorizeDraft, AuthorizeFlow, AuthorizeStep } from './types.js';

const ALL: readonly AuthorizeFlow[] = ['authorize', 'par', 'device', 'ciba'];
const BROWSER: readonly AuthorizeFlow[] = ['authorize', 'par'];

function step(name: string, flows: readonly AuthorizeFlow[], run: (d: AuthorizeDraft) => void): AuthorizeStep {
  return Object.freeze({ name, flows: new Set(flows), run });
}

/** The steps, in the order they run. Input limits and duplicate rejection come first. */
export const AUTHORIZE_STEPS: readonly AuthorizeStep[] = Object.freeze([
  step('check-parameter-limits', ALL, checkParameterLimits),
  step('check-request-object', ALL, checkRequestObject),
  step('check-client', ALL, checkClient),
  step('check-pushed-authorization', ['authorize'], checkPushedAuthorization),
  step('check-redirect-uri', BROWSER, checkRedirectUri),
  step('check-state', BROWSER, checkState),
  step('check-response-type', BROWSER, checkResponseType),
  step('check-response-mode', BROWSER, checkResponseMode),
  step('check-scope', ALL, checkScope),
  step('check-resource', ALL, checkResource),
  step('check-pkce', BROWSER, checkPkce),
  step('check-nonce', BROWSER, checkNonce),
  step('check-prompt', BROWSER, checkPrompt),
  step('check-max-age', BROWSER, checkMaxAge),
  step('check-id-token-hint', ['authorize', 'par', 'ciba'], checkIdTokenHint),
  step('check-login-hint', ['authorize', 'par', 'ciba'], checkLoginHint),
  step('check-acr-values', ALL, checkAcrValues),
  step('check-ui-locales', BROWSER, checkUiLocales),
  step('check-claims', BROWSER, checkClaims),
  step('check-dpop-jkt', BROWSER, checkDpopJkt),
]);

/** Run every step of `steps` that applies to the draft's flow, in order. The first failure throws. */
export async function runAuthorizeSteps(
  draft: AuthorizeDraft,
  steps: readonly AuthorizeStep[] = AUTHORIZE_STEPS,
): Promise<void> {
  for (const s of steps) if (s.flows.has(draft.flow)) await s.run(draft);
}
