/**
 * The grant-type extension point (STYLE rule 2). Every grant, built in or custom, is a module
 * `{ grantType, parameters, handle }` registered with `GrantRegistry.register`. The token
 * endpoint passes a grant only the parameters it declares.
 */
import type { Client } from '../../config/model.js';
import type { ServerContext } from '../../context.js';
import type { Params } from '../../host/form.js';
import type { SigilRequest } from '../../host/request.js';
import type { IdTokenInput } from '../../tokens/id-token.js';

/** What a grant handler receives: an authenticated client and its declared parameters. */
export interface TokenRequestContext {
  readonly request: SigilRequest;
  /** Only the parameters the grant declared. */
  readonly params: Params;
  readonly client: Client;
  /** How the client authenticated (`none` for public clients). */
  readonly authMethod: string;
  /**
   * The RFC 7638 thumbprint of the key of a valid DPoP proof sent with the request (RFC 9449 §5),
   * or undefined without one. A grant binds the access token it issues to it (`cnf.jkt`) and
   * answers `token_type: DPoP`.
   */
  readonly dpopJkt?: string;
  readonly ctx: ServerContext;
}

/** A successful token response (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer' | 'DPoP' | 'N_A';
  expires_in: number;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
  issued_token_type?: string;
  [extra: string]: unknown;
}

/** What a grant returns: the response and, for events, the subject and granted scopes. */
export interface GrantResult {
  readonly response: TokenResponse;
  readonly subjectId?: string;
  readonly scopes: readonly string[];
  /**
   * What an ID token would say about the user. When `scopes` include `openid`, the token endpoint
   * issues it after the grant, with `at_hash` of the response's access token (STYLE rule 3).
   */
  readonly idToken?: Omit<IdTokenInput, 'accessToken' | 'code' | 'state'>;
}

/** A grant type module. */
export interface GrantHandler {
  /** The `grant_type` value, e.g. `client_credentials` or a URN for extension grants. */
  readonly grantType: string;
  /** Parameters the grant reads besides `grant_type` and client authentication. */
  readonly parameters: readonly string[];
  /**
   * Whether a client may use this grant (RFC 6749 §5.2 `unauthorized_client` otherwise). Default:
   * the client lists `grantType` in `allowedGrantTypes`.
   */
  allowedFor?(client: Client): boolean;
  /** Validate and issue. Throw `OAuthError` subclasses for protocol errors. */
  handle(tr: TokenRequestContext): Promise<GrantResult>;
}

/** The grants a server knows. */
export class GrantRegistry {
  readonly #grants = new Map<string, GrantHandler>();

  /** Register a grant; throws if its type is already registered. */
  register(grant: GrantHandler): this {
    if (this.#grants.has(grant.grantType)) throw new Error(`grant type "${grant.grantType}" is already registered`);
    this.#grants.set(grant.grantType, grant);
    return this;
  }

  /** The handler for a grant type. */
  get(grantType: string): GrantHandler | undefined {
    return this.#grants.get(grantType);
  }

  /** Every registered grant type. */
  types(): string[] {
    return [...this.#grants.keys()];
  }
}
