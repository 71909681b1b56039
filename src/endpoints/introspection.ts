/**
 * The introspection endpoint (RFC 7662). API resources authenticate with their `apiSecrets` and
 * see access tokens whose audience names them; a client sees only its own tokens. Anything
 * expired, revoked, unknown or foreign is `{"active": false}`. `token_type_hint` changes the
 * lookup order only (RFC 7662 §2.1).
 */
import { authenticateApiResource, authenticateClient } from '../client-auth/index.js';
import type { ApiResource, Client } from '../config/model.js';
import type { ServerContext } from '../context.js';
import { InvalidRequest, isOAuthError, MethodNotAllowed } from '../errors/oauth-error.js';
import { maskToken } from '../events/types.js';
import { readForm } from '../host/body.js';
import { LIMITS } from '../host/form.js';
import type { SigilRequest } from '../host/request.js';
import { json, type SigilResult } from '../host/result.js';
import { findRefreshToken } from '../tokens/find-refresh-token.js';
import { validateAccessToken } from '../tokens/validate-access-token.js';

const INACTIVE = '{"active":false}';

/** POST /connect/introspect */
export async function introspectionEndpoint(req: SigilRequest, ctx: ServerContext): Promise<SigilResult> {
  if (req.method !== 'POST') throw new MethodNotAllowed(['POST']);
  const params = readForm(req, 415);
  const api = await authenticateApiResource(req, params, ctx);
  const client = api ? undefined : (await authenticateClient(req, params, ctx)).client;
  let token: string | undefined;
  let hint: string | undefined;
  try {
    token = params.get('token', LIMITS.token);
    if (token === undefined) throw new InvalidRequest('"token" is required');
    hint = params.get('token_type_hint', 100);
  } catch (e) {
    raiseFailure(ctx, req, api, client, e);
    throw e;
  }
  const result =
    hint === 'refresh_token'
      ? ((await refresh(ctx, token, client)) ?? (await access(ctx, token, api, client)))
      : ((await access(ctx, token, api, client)) ?? (await refresh(ctx, token, client)));
  if (ctx.events.enabled('Success')) {
    ctx.events.raise(
      {
        name: 'TokenIntrospectionSuccess',
        id: 2020,
        type: 'Success',
        category: 'Token',
        apiName: api?.name,
        clientId: client?.clientId,
        isActive: result !== undefined,
        token: maskToken(token),
        tokenScopes: typeof result?.scope === 'string' ? result.scope : undefined,
      },
      req,
    );
  }
  return json(200, result ? JSON.stringify(result) : INACTIVE);
}

/** Duende `TokenIntrospectionFailureEvent`: the caller authenticated, but its request was malformed. */
function raiseFailure(
  ctx: ServerContext,
  req: SigilRequest,
  api: ApiResource | undefined,
  client: Client | undefined,
  e: unknown,
): void {
  if (!isOAuthError(e) || !ctx.events.enabled('Failure')) return;
  ctx.events.raise(
    {
      name: 'TokenIntrospectionFailure',
      id: 2021,
      type: 'Failure',
      category: 'Token',
      apiName: api?.name,
      clientId: client?.clientId,
      error: `${e.error}: ${e.description}`,
    },
    req,
  );
}

async function access(
  ctx: ServerContext,
  token: string,
  api: ApiResource | undefined,
  client: Client | undefined,
): Promise<Record<string, unknown> | undefined> {
  const v = await validateAccessToken(ctx, token);
  if (!v) return undefined;
  const c = v.claims;
  if (api) {
    const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
    if (!aud.includes(api.name)) return undefined;
  } else if (client && c.client_id !== client.clientId) return undefined;
  const scope = Array.isArray(c.scope) ? c.scope.join(' ') : c.scope;
  return { ...c, scope, active: true, token_type: c.cnf ? 'DPoP' : 'Bearer' };
}

async function refresh(
  ctx: ServerContext,
  token: string,
  client: Client | undefined,
): Promise<Record<string, unknown> | undefined> {
  // Only the client a refresh token was issued to may introspect it; API resources may not.
  if (!client) return undefined;
  const rt = await findRefreshToken(ctx, token);
  if (!rt || rt.clientId !== client.clientId) return undefined;
  return {
    active: true,
    iss: ctx.issuer,
    client_id: rt.clientId,
    sub: rt.subjectId,
    scope: rt.scopes.join(' '),
    iat: rt.createdAt,
    exp: rt.expiresAt,
    token_type: 'refresh_token',
  };
}
