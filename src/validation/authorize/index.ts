/**
 * Authorization request validation: the shared table of `check-*` steps and the frozen result.
 * PAR, device authorization and CIBA reuse {@link AUTHORIZE_STEPS} with their own flow.
 */
export { AUTHORIZE_STEPS, runAuthorizeSteps } from './authorize-steps.js';
export { defaultResponseMode } from './check-response-mode.js';
export { AUTHORIZE_PARAMETER_LIMITS, REPEATABLE_PARAMETERS } from './parameter-limits.js';
export type * from './types.js';
export { freezeAuthorizeRequest, newAuthorizeDraft, validateAuthorizeRequest } from './validate-authorize-request.js';
