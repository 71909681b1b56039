/**
 * Turns a `ClientInput` into a validated `Client` (Duende `DefaultClientConfigurationValidator`),
 * recording every problem with the client's id and the field.
 */

import { ItemChecker } from './configuration-error.js';
import { CLIENT_DEFAULTS, SUPPORTED_SIGNING_ALGORITHMS } from './defaults.js';
import type { Client } from './model.js';
import type { AccessTokenType, TokenEndpointAuthMethod } from './types.js';
import { readClientClaims, readProperties } from './validate-client-claims.js';
import { corsOriginProblem } from './validate-cors-origin.js';
import { readGrantTypes } from './validate-grant-types.js';
import { readJwks } from './validate-jwks.js';
import { redirectUriProblem } from './validate-redirect-uri.js';
import { readSecrets } from './validate-secrets.js';

const AUTH_METHODS: TokenEndpointAuthMethod[] = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'none',
];
const REDIRECT_GRANTS = ['authorization_code', 'implicit', 'hybrid'];

/** Validate one client. `knownScopes` holds every identity resource and API scope name. */
export function validateClient(
  raw: unknown,
  index: number,
  knownScopes: ReadonlySet<string>,
  extraGrantTypes: ReadonlySet<string>,
  errors: string[],
  warnings: string[],
): Client | undefined {
  if (typeof raw !== 'object' || raw === null) {
    errors.push(`clients[${index}]: must be an object`);
    return undefined;
  }
  const o = raw as Record<string, unknown>;
  const id = typeof o.clientId === 'string' && o.clientId ? o.clientId : `#${index}`;
  const c = new ItemChecker(`client "${id}"`, errors);
  const clientId = c.str(o, 'clientId', true) ?? id;
  if (clientId.length > 100) c.fail('clientId', 'must be at most 100 characters');

  const grantSet = readGrantTypes(c, o, extraGrantTypes);

  const requireClientSecret = c.bool(o, 'requireClientSecret', CLIENT_DEFAULTS.requireClientSecret);
  const beforeSecrets = errors.length;
  const secrets = readSecrets(c, o.clientSecrets, 'clientSecrets', warnings);
  const secretsReported = errors.length > beforeSecrets;
  const method =
    o.tokenEndpointAuthMethod === undefined
      ? undefined
      : c.oneOf(o, 'tokenEndpointAuthMethod', AUTH_METHODS, 'client_secret_basic');
  const beforeJwks = errors.length;
  const jwks = readJwks(c, o.jwks);
  const jwksReported = errors.length > beforeJwks;
  const jwksUri = c.str(o, 'jwksUri');
  if (jwksUri) {
    try {
      const u = new URL(jwksUri);
      if (
        u.protocol !== 'https:' &&
        !(u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
      ) {
        c.fail('jwksUri', 'must use https');
      }
    } catch {
      c.fail('jwksUri', 'must be an absolute URL');
    }
  }
  // RFC 7591 §2: jwks and jwks_uri MUST NOT both be present; the inline set would shadow the URI.
  if (jwks && jwksUri) c.fail('jwks', 'must not be given together with jwksUri (RFC 7591 §2)');
  const hasKeys = Boolean(jwks?.keys?.length || jwksUri);
  // Each gap is reported once: by the field that was wrong, else by the method's own rule, else here.
  const methodRule = method === 'none' || method === 'private_key_jwt' || method === 'client_secret_jwt';
  if (requireClientSecret && secrets.hashed.length === 0 && !hasKeys && !methodRule && !secretsReported) {
    c.fail(
      'clientSecrets',
      'must not be empty when requireClientSecret is true (or give jwks/jwksUri for private_key_jwt)',
    );
  }
  if (method === 'private_key_jwt' && !hasKeys && !jwksReported)
    c.fail('jwks', 'or jwksUri is required for private_key_jwt');
  if (method === 'client_secret_jwt' && secrets.plain.length === 0 && !secretsReported) {
    c.fail('clientSecrets', 'must hold a plain secret for client_secret_jwt (it is the HMAC key)');
  }
  if (method === 'none' && requireClientSecret)
    c.fail('tokenEndpointAuthMethod', '"none" requires requireClientSecret: false');
  if (!requireClientSecret && grantSet.has('client_credentials'))
    c.fail('allowedGrantTypes', '"client_credentials" requires a confidential client');

  const scopes = c.strings(o, 'allowedScopes');
  for (const s of scopes) {
    if (s !== 'offline_access' && !knownScopes.has(s))
      c.fail('allowedScopes', `"${s}" is not a defined identity resource or API scope`);
  }
  const applicationType = c.oneOf(o, 'applicationType', ['web', 'native'] as const, 'web');
  const beforeRedirects = errors.length;
  const redirectUris = c.strings(o, 'redirectUris');
  const redirectsReported = errors.length > beforeRedirects;
  const postLogoutRedirectUris = c.strings(o, 'postLogoutRedirectUris');
  if (REDIRECT_GRANTS.some((g) => grantSet.has(g)) && redirectUris.length === 0 && !redirectsReported)
    c.fail('redirectUris', 'must not be empty for redirect-based grants');
  redirectUris.forEach((u, i) => {
    const p = redirectUriProblem(u, applicationType);
    if (p) c.fail(`redirectUris[${i}]`, p);
  });
  postLogoutRedirectUris.forEach((u, i) => {
    const p = redirectUriProblem(u, applicationType);
    if (p) c.fail(`postLogoutRedirectUris[${i}]`, p);
  });
  const logoutUri = (f: 'frontChannelLogoutUri' | 'backChannelLogoutUri') => {
    const u = c.str(o, f);
    const p = u ? redirectUriProblem(u, 'web') : undefined;
    if (p) c.fail(f, p);
    return u;
  };
  const frontChannelLogoutUri = logoutUri('frontChannelLogoutUri');
  const backChannelLogoutUri = logoutUri('backChannelLogoutUri');
  const algs = (field: string) => {
    const list = c.strings(o, field);
    for (const a of list)
      if (!SUPPORTED_SIGNING_ALGORITHMS.includes(a)) c.fail(field, `"${a}" is not a supported algorithm`);
    return list;
  };
  const allowedCorsOrigins = c.strings(o, 'allowedCorsOrigins');
  allowedCorsOrigins.forEach((origin, i) => {
    const p = corsOriginProblem(origin);
    if (p) c.fail(`allowedCorsOrigins[${i}]`, p);
  });
  const claims = readClientClaims(c, o.claims);
  const d = CLIENT_DEFAULTS;
  const client: Client = {
    clientId,
    clientName: c.str(o, 'clientName'),
    enabled: c.bool(o, 'enabled', d.enabled),
    secrets: secrets.hashed,
    hmacSecrets: method === 'client_secret_jwt' ? secrets.plain : [],
    requireClientSecret,
    allowedGrantTypes: grantSet,
    allowedScopes: new Set(scopes),
    accessTokenType: c.oneOf<AccessTokenType>(o, 'accessTokenType', ['jwt', 'reference'], d.accessTokenType),
    accessTokenLifetime: c.seconds(o, 'accessTokenLifetime', d.accessTokenLifetime),
    claims,
    alwaysSendClientClaims: c.bool(o, 'alwaysSendClientClaims', d.alwaysSendClientClaims),
    clientClaimsPrefix: c.str(o, 'clientClaimsPrefix') ?? d.clientClaimsPrefix,
    jwks,
    jwksUri,
    tokenEndpointAuthMethod: method,
    allowedAccessTokenSigningAlgorithms: algs('allowedAccessTokenSigningAlgorithms'),
    allowedIdentityTokenSigningAlgorithms: algs('allowedIdentityTokenSigningAlgorithms'),
    strictClientAssertionAudience: c.bool(o, 'strictClientAssertionAudience', false),
    redirectUris,
    postLogoutRedirectUris,
    frontChannelLogoutUri,
    frontChannelLogoutSessionRequired: c.bool(
      o,
      'frontChannelLogoutSessionRequired',
      d.frontChannelLogoutSessionRequired,
    ),
    backChannelLogoutUri,
    backChannelLogoutSessionRequired: c.bool(o, 'backChannelLogoutSessionRequired', d.backChannelLogoutSessionRequired),
    allowOfflineAccess: c.bool(o, 'allowOfflineAccess', d.allowOfflineAccess),
    requireConsent: c.bool(o, 'requireConsent', d.requireConsent),
    allowRememberConsent: c.bool(o, 'allowRememberConsent', d.allowRememberConsent),
    consentLifetime: o.consentLifetime === undefined ? undefined : c.seconds(o, 'consentLifetime', 0),
    requirePkce: c.bool(o, 'requirePkce', d.requirePkce),
    allowPlainTextPkce: c.bool(o, 'allowPlainTextPkce', d.allowPlainTextPkce),
    allowAccessTokensViaBrowser: c.bool(o, 'allowAccessTokensViaBrowser', d.allowAccessTokensViaBrowser),
    alwaysIncludeUserClaimsInIdToken: c.bool(o, 'alwaysIncludeUserClaimsInIdToken', d.alwaysIncludeUserClaimsInIdToken),
    identityTokenLifetime: c.seconds(o, 'identityTokenLifetime', d.identityTokenLifetime),
    authorizationCodeLifetime: c.seconds(o, 'authorizationCodeLifetime', d.authorizationCodeLifetime),
    refreshTokenUsage: c.oneOf(o, 'refreshTokenUsage', ['oneTimeOnly', 'reUse'] as const, d.refreshTokenUsage),
    refreshTokenExpiration: c.oneOf(
      o,
      'refreshTokenExpiration',
      ['absolute', 'sliding'] as const,
      d.refreshTokenExpiration,
    ),
    absoluteRefreshTokenLifetime: c.seconds(o, 'absoluteRefreshTokenLifetime', d.absoluteRefreshTokenLifetime, true),
    slidingRefreshTokenLifetime: c.seconds(o, 'slidingRefreshTokenLifetime', d.slidingRefreshTokenLifetime),
    updateAccessTokenClaimsOnRefresh: c.bool(o, 'updateAccessTokenClaimsOnRefresh', d.updateAccessTokenClaimsOnRefresh),
    refreshTokenReuseGracePeriod: c.seconds(o, 'refreshTokenReuseGracePeriod', d.refreshTokenReuseGracePeriod, true),
    allowedCorsOrigins,
    applicationType,
    userSsoLifetime: o.userSsoLifetime === undefined ? undefined : c.seconds(o, 'userSsoLifetime', 0),
    requireDPoP: c.bool(o, 'requireDPoP', d.requireDPoP),
    requirePushedAuthorization: c.bool(o, 'requirePushedAuthorization', d.requirePushedAuthorization),
    pushedAuthorizationLifetime:
      o.pushedAuthorizationLifetime === undefined ? undefined : c.seconds(o, 'pushedAuthorizationLifetime', 0),
    isPublic: !requireClientSecret,
    properties: readProperties(c, o.properties),
  };
  // RFC 9449 binds tokens at the token endpoint; an access token from the authorize endpoint
  // (implicit, or hybrid with tokens via the browser) could never be bound.
  if (client.requireDPoP && client.allowAccessTokensViaBrowser && (grantSet.has('implicit') || grantSet.has('hybrid')))
    c.fail(
      'requireDPoP',
      'cannot be combined with access tokens from the authorize endpoint (allowAccessTokensViaBrowser)',
    );
  if (client.requirePushedAuthorization && !REDIRECT_GRANTS.some((g) => grantSet.has(g)))
    c.fail('requirePushedAuthorization', 'needs a redirect-based grant (authorization_code, implicit or hybrid)');
  if (
    client.allowOfflineAccess &&
    !grantSet.has('authorization_code') &&
    !grantSet.has('hybrid') &&
    !grantSet.has('urn:ietf:params:oauth:grant-type:device_code')
  ) {
    warnings.push(`client "${clientId}": allowOfflineAccess has no effect without a user-facing grant`);
  }
  return client;
}
