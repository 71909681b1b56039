/**
 * The token endpoint (RFC 6749 §3.2): read the form, authenticate the client, dispatch to the
 * grant module, write the response. It only orchestrates.
 */
import { authenticateClient } from '../client-auth/index.js';
import type { ServerContext } from '../context.js';
import {
  InvalidRequest,
  isOAuthError,
  MethodNotAllowed,
  UnauthorizedClient,
  UnsupportedGrantType,
} from '../errors/oauth-error.js';
import { maskToken } from '../events/types.js';
import { readForm } from '../host/body.js';
import { LIMITS } from '../host/form.js';
import type { SigilRequest } from '../host/request.js';
import { json, type SigilResult } from '../host/result.js';
import { addIdToken } from '../response/token-response.js';
import { validateDPoPHeader } from '../validation/common/dpop/validate-dpop-proof.js';
import type { GrantResult } from '../validation/token/grant.js';

const BASE_PARAMETERS = ['grant_type', 'client_id'];

/** POST /connect/token */
export async function tokenEndpoint(req: SigilRequest, ctx: ServerContext): Promise<SigilResult> {
  if (req.method !== 'POST') throw new MethodNotAllowed(['POST']);
  const params = readForm(req, 400);
  let clientId: string | undefined;
  let grantType: string | undefined;
  try {
    const { client, method } = await authenticateClient(req, params, ctx);
    clientId = client.clientId;
    grantType = params.get('grant_type', LIMITS.grantType);
    if (grantType === undefined) throw new UnsupportedGrantType('"grant_type" is required');
    const grant = ctx.grantTypes.get(grantType);
    if (!grant) throw new UnsupportedGrantType(`grant type "${grantType}" is not supported`);
    // RFC 6749 §5.2 unauthorized_client
    if (!(grant.allowedFor?.(client) ?? client.allowedGrantTypes.has(grantType)))
      throw new UnauthorizedClient(`the client may not use the grant type "${grantType}"`);
    // RFC 9449 §5: a proof binds the tokens to its key; without the header this is one lookup.
    const pending = validateDPoPHeader(ctx, req, { url: ctx.urls.token });
    const proof = pending && (await pending);
    if (proof === undefined && client.requireDPoP) throw new InvalidRequest('DPoP proof required');
    const granted = await grant.handle({
      request: req,
      params: params.pick([...BASE_PARAMETERS, ...grant.parameters]),
      client,
      authMethod: method,
      dpopJkt: proof?.jkt,
      ctx,
    });
    const result = await addIdToken(ctx, granted);
    if (ctx.events.enabled('Success')) raiseIssued(ctx, req, client.clientId, grantType, result);
    return json(200, result.response);
  } catch (e) {
    // Duende 7.2: no failure event for use_dpop_nonce.
    if (
      isOAuthError(e) &&
      e.error !== 'use_dpop_nonce' &&
      e.error !== 'invalid_client' &&
      ctx.events.enabled('Failure')
    ) {
      ctx.events.raise(
        {
          name: 'TokenIssuedFailure',
          id: 2001,
          type: 'Failure',
          category: 'Token',
          clientId,
          grantType,
          endpoint: 'Token',
          error: e.error,
          errorDescription: e.description,
        },
        req,
      );
    }
    throw e;
  }
}

function raiseIssued(
  ctx: ServerContext,
  req: SigilRequest,
  clientId: string,
  grantType: string,
  result: GrantResult,
): void {
  const r = result.response;
  const tokens = [{ tokenType: 'access_token', tokenValue: maskToken(r.access_token) }];
  if (r.refresh_token) tokens.push({ tokenType: 'refresh_token', tokenValue: maskToken(r.refresh_token) });
  if (r.id_token) tokens.push({ tokenType: 'id_token', tokenValue: maskToken(r.id_token) });
  ctx.events.raise(
    {
      name: 'TokenIssuedSuccess',
      id: 2000,
      type: 'Success',
      category: 'Token',
      clientId,
      grantType,
      endpoint: 'Token',
      subjectId: result.subjectId,
      scopes: result.scopes.join(' '),
      tokens,
    },
    req,
  );
}
