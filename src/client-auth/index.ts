/**
 * Client and API-resource authentication (RFC 6749 §2.3, RFC 7523, OIDC Core §9, RFC 7662 §2.1).
 */
export { type AssertionTyp, checkAudience, classifyTyp, isStrictAudience } from './assertion-audience.js';
export { authenticateApiResource } from './authenticate-api-resource.js';
export { authenticateClient } from './authenticate-client.js';
export { ASSERTION_REPLAY_PURPOSE } from './client-assertion.js';
export { AUTH_FAILED, BASIC_CHALLENGE } from './failure.js';
export { type AuthenticatedClient, type ClientAuthMethod, JWT_BEARER_ASSERTION_TYPE } from './types.js';
