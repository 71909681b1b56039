/**
 * The discovery document (OpenID Connect Discovery 1.0 §3, RFC 8414 §2). It is built and
 * serialised once, then rebuilt only when the key set or configuration changes (what Duende 7.2
 * shipped as a preview).
 */
import { HMAC_ALGS } from '../client-auth/verify-signature.js';
import { SUPPORTED_SIGNING_ALGORITHMS } from '../config/defaults.js';
import type { ServerContext } from '../context.js';
import { DPOP_SIGNING_ALGORITHMS } from '../validation/common/dpop/check-proof-alg.js';

/** Which optional endpoints the server mounts. */
export interface DiscoveryFeatures {
  readonly paths: ReadonlySet<string>;
}

/** Build the discovery metadata object. */
export function buildDiscoveryDocument(ctx: ServerContext, features: DiscoveryFeatures): Record<string, unknown> {
  const u = ctx.urls;
  const has = (p: string) => features.paths.has(p);
  const interactive = has('/connect/authorize');
  const res = ctx.options.resources;
  const scopes = [
    ...[...res.identityResources.values()].filter((r) => r.enabled && r.showInDiscoveryDocument).map((r) => r.name),
    ...[...res.apiScopes.values()].filter((s) => s.enabled && s.showInDiscoveryDocument).map((s) => s.name),
  ];
  if (interactive) scopes.push('offline_access');
  const claims = new Set<string>();
  for (const r of res.identityResources.values())
    if (r.enabled && r.showInDiscoveryDocument) for (const c of r.userClaims) claims.add(c);
  const algs = [...ctx.keys.signingAlgorithms()];
  const authMethods = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'client_secret_jwt'];
  const authAlgs = [...SUPPORTED_SIGNING_ALGORITHMS, ...HMAC_ALGS];
  const doc: Record<string, unknown> = {
    issuer: ctx.issuer,
    jwks_uri: u.jwks,
  };
  if (interactive) doc.authorization_endpoint = u.authorize;
  doc.token_endpoint = u.token;
  if (has('/connect/userinfo')) doc.userinfo_endpoint = u.userinfo;
  if (has('/connect/endsession')) doc.end_session_endpoint = u.endSession;
  if (has('/connect/checksession')) doc.check_session_iframe = u.checkSession;
  doc.revocation_endpoint = u.revocation;
  doc.introspection_endpoint = u.introspection;
  if (has('/connect/par')) {
    doc.pushed_authorization_request_endpoint = u.par;
    // RFC 9126 §5: false when omitted.
    if (ctx.options.pushedAuthorization.required) doc.require_pushed_authorization_requests = true;
  }
  if (has('/connect/deviceauthorization')) doc.device_authorization_endpoint = u.deviceAuthorization;
  if (interactive) {
    doc.frontchannel_logout_supported = true;
    doc.frontchannel_logout_session_supported = true;
    doc.backchannel_logout_supported = true;
    doc.backchannel_logout_session_supported = true;
  }
  doc.scopes_supported = scopes;
  doc.claims_supported = [...claims];
  doc.grant_types_supported = ctx.grantTypes.types();
  if (interactive) {
    doc.response_types_supported = [
      'code',
      'token',
      'id_token',
      'id_token token',
      'code id_token',
      'code token',
      'code id_token token',
    ];
    doc.response_modes_supported = ['form_post', 'query', 'fragment'];
    doc.subject_types_supported = ['public'];
    doc.id_token_signing_alg_values_supported = algs;
    doc.code_challenge_methods_supported = ['S256'];
    doc.prompt_values_supported = ctx.options.ui.createAccountUrl
      ? ['none', 'login', 'consent', 'select_account', 'create']
      : ['none', 'login', 'consent', 'select_account'];
    doc.request_parameter_supported = false;
    // OpenID Connect Discovery §3: request_uri_parameter_supported defaults to true when omitted.
    doc.request_uri_parameter_supported = false;
    doc.claims_parameter_supported = true;
    doc.authorization_response_iss_parameter_supported = true;
  }
  doc.token_endpoint_auth_methods_supported = authMethods;
  doc.token_endpoint_auth_signing_alg_values_supported = authAlgs;
  // RFC 9449 §5.1
  doc.dpop_signing_alg_values_supported = DPOP_SIGNING_ALGORITHMS;
  doc.introspection_endpoint_auth_methods_supported = ['client_secret_basic', 'client_secret_post'];
  doc.revocation_endpoint_auth_methods_supported = authMethods;
  if (has('/connect/userinfo')) doc.userinfo_signing_alg_values_supported = algs;
  Object.assign(doc, ctx.options.discoveryCustomEntries);
  return doc;
}

/** Caches the serialised document per key-set version. */
export class DiscoveryCache {
  #json = '';
  #version = -1;
  #generation = 0;
  #builtGeneration = -1;

  constructor(
    private readonly ctx: ServerContext,
    private readonly features: DiscoveryFeatures,
  ) {}

  /** The serialised document, rebuilt when keys or configuration changed. */
  json(): string {
    const v = this.ctx.keys.version;
    if (v !== this.#version || this.#builtGeneration !== this.#generation) {
      this.#json = JSON.stringify(buildDiscoveryDocument(this.ctx, this.features));
      this.#version = v;
      this.#builtGeneration = this.#generation;
    }
    return this.#json;
  }

  /** Force a rebuild on the next request (configuration changed). */
  invalidate(): void {
    this.#generation++;
  }
}
