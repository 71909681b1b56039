/**
 * Renders the built-in login page for a return URL: the client's name, the login hint, "Continue
 * as …" for `prompt=select_account`, the sign-up link, and a fresh anti-forgery token.
 */
import type { SigilRequest } from '../../host/request.js';
import type { SigilResult } from '../../host/result.js';
import { withQuery } from '../../interaction/runtime.js';
import type { LoginError } from '../../ui/models.js';
import { page, type UiDeps } from './ui-deps.js';

/** The anti-forgery binding of the login form. */
export function loginBinding(returnUrl: string | undefined): string {
  return `login:${returnUrl ?? ''}`;
}

/** What to show besides the request's own data. */
export interface LoginPageState {
  readonly username?: string;
  readonly rememberLogin?: boolean;
  readonly error?: LoginError;
  readonly lockedUntil?: number;
}

/** Render the login page for `returnUrl` (already validated) with `status`. */
export async function renderLoginPage(
  deps: UiDeps,
  req: SigilRequest,
  returnUrl: string | undefined,
  state: LoginPageState = {},
  status = 200,
): Promise<SigilResult> {
  const { rt, interaction } = deps;
  const context = await interaction.getAuthorizationContext(returnUrl);
  const { session, cookies } = await rt.sessions.getSession(req);
  const { token, cookies: afCookies } = rt.antiforgery.issue(req, loginBinding(returnUrl));
  let username = state.username ?? context?.loginHint;
  if (username === undefined && context?.subjectHint)
    username = (await rt.ctx.users.findBySubject(context.subjectHint))?.username;
  const selectAccount = context?.prompt.includes('select_account') && session;
  const signUp = rt.urls.createAccount;
  const body = rt.renderer.login({
    returnUrl: returnUrl ?? '',
    csrf: token,
    clientName: context ? (context.client.clientName ?? context.client.clientId) : undefined,
    username,
    rememberLogin: state.rememberLogin,
    error: state.error,
    lockedUntil: state.lockedUntil === undefined ? undefined : new Date(state.lockedUntil * 1000),
    uiLocales: context?.uiLocales,
    signUpUrl: signUp && returnUrl ? withQuery(signUp, 'returnUrl', returnUrl) : signUp,
    currentAccount: selectAccount ? { displayName: session.displayName ?? session.subjectId } : undefined,
  });
  return page(status, body, [...cookies, ...afCookies], context?.redirectUri);
}
