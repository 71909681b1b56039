/**
 * The grants Sigil ships. They register through the same `GrantRegistry.register` that custom
 * grants use (STYLE rule 2).
 */
import { authorizationCodeGrant } from '../validation/token/authorization-code.js';
import { clientCredentialsGrant } from '../validation/token/client-credentials.js';
import type { GrantHandler } from '../validation/token/grant.js';
import { refreshTokenGrant } from '../validation/token/refresh-token.js';

/** Built-in grant handlers, in discovery order. */
export const BUILT_IN_GRANTS: readonly GrantHandler[] = [
  authorizationCodeGrant,
  clientCredentialsGrant,
  refreshTokenGrant,
];
