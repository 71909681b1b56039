/**
 * The built-in login page (`/account/login`): GET shows the form; POST checks the anti-forgery
 * token, then cancels, continues as the current user, or checks the password with lockout. The
 * password is never logged and never echoed.
 */
import { MethodNotAllowed } from '../../errors/oauth-error.js';
import { LIMITS } from '../../host/form.js';
import type { SigilRequest } from '../../host/request.js';
import { redirect, type SigilResult } from '../../host/result.js';
import type { Endpoint } from '../../host/router.js';
import { issuerPath } from '../../interaction/return-url.js';
import { withCookies } from '../../response/authorize/response-modes.js';
import { FORM_FIELDS as F } from '../../ui/models.js';
import { lockedUntil, lockoutKey, recordLoginFailure, resetLoginFailures } from '../../users/lockout.js';
import { loginBinding, renderLoginPage } from './login-page.js';
import { badRequestPage, field, readPageForm, type UiDeps } from './ui-deps.js';

/** GET|POST /account/login */
export function loginEndpoint(deps: UiDeps): Endpoint {
  return async (req) => {
    if (req.method === 'GET') {
      const returnUrl = new URLSearchParams(req.search).get('returnUrl') ?? undefined;
      if (returnUrl !== undefined && !deps.interaction.isValidReturnUrl(returnUrl))
        return badRequestPage(deps, req, 'the return URL is not valid');
      return renderLoginPage(deps, req, returnUrl);
    }
    if (req.method !== 'POST') throw new MethodNotAllowed(['GET', 'POST']);
    return postLogin(deps, req);
  };
}

async function postLogin(deps: UiDeps, req: SigilRequest): Promise<SigilResult> {
  const { rt, interaction } = deps;
  const form = readPageForm(req);
  if (!form) return badRequestPage(deps, req, 'the login form must be posted as application/x-www-form-urlencoded');
  const returnUrl = field(form, F.returnUrl, 8192);
  if (returnUrl !== undefined && !interaction.isValidReturnUrl(returnUrl))
    return badRequestPage(deps, req, 'the return URL is not valid');
  const username = field(form, F.username, LIMITS.username);
  const rememberLogin = field(form, F.rememberLogin) === 'true';
  if (!rt.antiforgery.verify(req, field(form, F.csrf, 1024), loginBinding(returnUrl)))
    return renderLoginPage(deps, req, returnUrl, { username, rememberLogin, error: 'form_expired' }, 400);

  const button = field(form, F.button);
  const context = await interaction.getAuthorizationContext(returnUrl);
  if (button === 'cancel') {
    if (!context) return redirect(returnUrl ?? `${issuerPath(rt.ctx.issuer)}/`);
    const { redirectTo } = await interaction.denyAuthorization(
      returnUrl!,
      'access_denied',
      'the user cancelled the sign-in',
    );
    return redirect(redirectTo);
  }
  if (button === 'continue' && context) {
    const { redirectTo, cookies } = await interaction.continueAsCurrentUser(req, returnUrl!);
    return withCookies(redirect(redirectTo), cookies);
  }

  const password = field(form, F.password, LIMITS.password);
  const fail = (error: string) => {
    if (rt.ctx.events.enabled('Failure'))
      rt.ctx.events.raise(
        {
          name: 'UserLoginFailure',
          id: 1001,
          type: 'Failure',
          category: 'Authentication',
          username: username ?? '',
          clientId: context?.client.clientId,
          error,
        },
        req,
      );
  };
  if (username === undefined || password === undefined) {
    fail('missing username or password');
    return renderLoginPage(deps, req, returnUrl, { username, rememberLogin, error: 'invalid_credentials' });
  }
  const known = await rt.ctx.users.findByUsername(username);
  const key = lockoutKey(known, username);
  const locked = await lockedUntil(rt.ctx, key);
  if (locked !== undefined) {
    fail('locked out');
    return renderLoginPage(deps, req, returnUrl, {
      username,
      rememberLogin,
      error: 'account_locked',
      lockedUntil: locked,
    });
  }
  const user = await rt.ctx.users.validateCredentials(username, password);
  if (!user) {
    const until = await recordLoginFailure(rt.ctx, key);
    fail('invalid credentials');
    const state =
      until === undefined
        ? { error: 'invalid_credentials' as const }
        : { error: 'account_locked' as const, lockedUntil: until };
    return renderLoginPage(deps, req, returnUrl, { username, rememberLogin, ...state });
  }
  await resetLoginFailures(rt.ctx, key);
  const name = user.claims.name;
  const { redirectTo, cookies } = await interaction.signIn(
    req,
    { subjectId: user.subjectId, username, displayName: typeof name === 'string' ? name : user.username },
    { returnUrl, persistent: rememberLogin },
  );
  return withCookies(redirect(redirectTo), cookies);
}
