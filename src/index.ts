/**
 * Sigil: an OpenID Connect and OAuth 2.x authorization server for Node.js.
 *
 * @example
 * ```ts
 * import { createIdentityServer } from 'sigil-identity';
 * const sigil = await createIdentityServer({ issuer: 'https://login.example.com', clients: [...] });
 * await sigil.listen(5000);
 * ```
 * @packageDocumentation
 */
export { ConfigurationError } from './config/configuration-error.js';
export type { ApiResource, ApiScope, Client, IdentityResource, Resources } from './config/model.js';
export type {
  AccessTokenType,
  ApiResourceInput,
  ApiScopeInput,
  CacheInput,
  CleanupInput,
  ClientInput,
  ConfigurationStoreInput,
  DataProtectionInput,
  IdentityResourceInput,
  IdentityServerOptions,
  KeyManagementInput,
  SecretInput,
  StoreInput,
  TokenEndpointAuthMethod,
  UserInput,
} from './config/types.js';
export type {
  ConfigurationAdmin,
  ConfigurationEntry,
  ConfigurationImport,
  ConfigurationStatus,
  RemoveClientOptions,
  RemoveResult,
  SaveResult,
} from './configuration/admin-types.js';
export type { ItemProblem } from './configuration/snapshot.js';
export type { ConsentService, ConsentSummary } from './consent/consent-service.js';
export type { ServerContext } from './context.js';
export { DataProtectionError, isUnreadableProtectedData } from './crypto/data-protection-error.js';
export { formatHashedSecret } from './crypto/secrets.js';
export type { DataProtectionProvider, DataProtector, KeyMaterial, SigningKey } from './crypto/types.js';
export * from './errors/oauth-error.js';
export type { EventSink, SigilEvent, SigilEventName } from './events/types.js';
export type { SigilRequest } from './host/request.js';
export type { SigilResult } from './host/result.js';
export type { AuthorizationContext, RequestedScope } from './interaction/authorization-context.js';
export type { ErrorMessage } from './interaction/error-messages.js';
export type {
  ConsentDecision,
  InteractionResult,
  InteractionService,
  SignInUser,
} from './interaction/interaction-service.js';
export type { InteractionError } from './interaction/pending-authorization.js';
export { createIdentityServer } from './server/create-identity-server.js';
export type { CreateIdentityServerOptions, IdentityServer, IdentityServerHooks } from './server/types.js';
export type { SessionEndReason, SessionsRevokedHook } from './sessions/session-hooks.js';
export type {
  SessionChange,
  SessionLookup,
  SessionQuery,
  SessionService,
  SignInInput,
} from './sessions/session-service.js';
export type { UserSession } from './sessions/types.js';
export type { IdTokenInput } from './tokens/id-token.js';
export type { ClaimsRequest } from './tokens/user-claims.js';
export {
  AUTHORIZE_STEPS,
  type AuthorizeFlow,
  type AuthorizeStep,
  type ValidatedAuthorizeRequest,
} from './validation/authorize/index.js';
export type {
  GrantHandler,
  GrantRegistry,
  GrantResult,
  TokenRequestContext,
  TokenResponse,
} from './validation/token/grant.js';
