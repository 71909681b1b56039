/**
 * The pushed authorization request endpoint (RFC 9126 §2): read the form, authenticate the client
 * as the token endpoint does, validate the parameters with the authorize table (flow `par`), store
 * them, answer 201. Errors are JSON (RFC 6749 §5.2), never redirects. It only orchestrates.
 */
import { authenticateClient } from '../client-auth/index.js';
import type { ServerContext } from '../context.js';
import { InvalidDPoPProof, MethodNotAllowed } from '../errors/oauth-error.js';
import { readForm } from '../host/body.js';
import type { Params } from '../host/form.js';
import type { SigilRequest } from '../host/request.js';
import { json, type SigilResult } from '../host/result.js';
import { pushAuthorizationRequest } from '../response/pushed-authorization.js';
import { newAuthorizeDraft, validateAuthorizeRequest } from '../validation/authorize/validate-authorize-request.js';
import { validateDPoPHeader } from '../validation/common/dpop/validate-dpop-proof.js';

/**
 * RFC 9449 §10.1: a DPoP proof sent with the pushed request binds the code to its key, as
 * `dpop_jkt` does; with both, they must name the same key.
 */
async function bindProofKey(ctx: ServerContext, req: SigilRequest, params: Params): Promise<Params> {
  const pending = validateDPoPHeader(ctx, req, { url: ctx.urls.par });
  const proof = pending && (await pending);
  if (!proof) return params;
  const jkt = params.get('dpop_jkt', 100);
  if (jkt === undefined) return params.with('dpop_jkt', proof.jkt);
  if (jkt !== proof.jkt) throw new InvalidDPoPProof('"dpop_jkt" does not match the key of the DPoP proof');
  return params;
}

/** POST /connect/par */
// RFC 9126 §2.1 (request), §2.2 (201 response), §2.3 (errors)
export async function parEndpoint(req: SigilRequest, ctx: ServerContext): Promise<SigilResult> {
  if (req.method !== 'POST') throw new MethodNotAllowed(['POST']);
  const params = readForm(req, 415);
  const { client } = await authenticateClient(req, params, ctx);
  const request = await validateAuthorizeRequest(
    newAuthorizeDraft(ctx, await bindProofKey(ctx, req, params), 'par', { client }),
  );
  const response = await pushAuthorizationRequest(ctx, request);
  ctx.logger.debug(
    { clientId: client.clientId, expiresIn: response.expires_in, reqId: req.id },
    'authorization request pushed',
  );
  return json(201, response);
}
