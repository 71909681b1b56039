// The test single-page app: every page loads oidc-client-ts's browser build (global `oidc`),
// `/config.js` (global `SPA_CONFIG`, written by the test's server) and this script, which acts
// according to `<body data-page>`. Results are exposed as `window.spa` and as DOM text, and
// `<body data-state>` says when a page is done ("signed-in", "signed-out", "error", ...).
(() => {
  const config = window.SPA_CONFIG;
  const { UserManager, WebStorageStateStore, Log } = window.oidc;
  Log.setLogger(console);
  Log.setLevel(Log.WARN);

  const origin = window.location.origin;
  const manager = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${origin}/callback.html`,
    silent_redirect_uri: `${origin}/silent.html`,
    post_logout_redirect_uri: `${origin}/signed-out.html`,
    response_type: 'code',
    scope: config.scope,
    loadUserInfo: true,
    automaticSilentRenew: false,
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });

  /** The parts of a `User` the test reads (a `User` itself does not cross `page.evaluate`). */
  function describeUser(user) {
    if (!user) return null;
    return {
      id_token: user.id_token,
      access_token: user.access_token,
      token_type: user.token_type,
      scope: user.scope,
      expires_at: user.expires_at,
      refresh_token: user.refresh_token ?? null,
      profile: user.profile,
    };
  }

  /** An error as plain data: oidc-client-ts's `ErrorResponse` carries the protocol's `error`. */
  function describeError(e) {
    return {
      name: e?.name,
      message: String(e?.message ?? e),
      error: e?.error ?? null,
      error_description: e?.error_description ?? null,
    };
  }

  function setState(state, text, isError = false) {
    const status = document.getElementById('status');
    if (status) {
      status.textContent = text;
      status.classList.toggle('error', isError);
    }
    document.body.dataset.state = state;
  }

  function renderClaims(user) {
    const list = document.getElementById('claims');
    if (!list) return;
    list.replaceChildren();
    if (!user) return;
    const rows = [
      ['sub', user.profile.sub],
      ['name', user.profile.name ?? '(none)'],
      ['iss', user.profile.iss],
      ['aud', String(user.profile.aud)],
      ['scope', user.scope],
      ['access token expires', new Date(user.expires_at * 1000).toISOString()],
    ];
    for (const [term, value] of rows) {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset.claim = term;
      list.append(dt, dd);
    }
  }

  function renderUser(user) {
    renderClaims(user);
    for (const [id, shown] of [
      ['sign-in', !user],
      ['renew', Boolean(user)],
      ['sign-out', Boolean(user)],
    ]) {
      const button = document.getElementById(id);
      if (button) button.hidden = !shown;
    }
    if (user) setState('signed-in', `Signed in as ${user.profile.name ?? user.profile.sub}`);
    else setState('anonymous', 'Not signed in');
  }

  /** Runs `action`, returning `{ ok, user }` or `{ ok: false, error }` so the test can inspect failures. */
  async function attempt(action) {
    try {
      const user = await action();
      return { ok: true, user: describeUser(user) };
    } catch (e) {
      return { ok: false, error: describeError(e) };
    }
  }

  window.spa = {
    manager,
    user: async () => describeUser(await manager.getUser()),
    signIn: () => manager.signinRedirect(),
    renew: () =>
      attempt(async () => {
        const user = await manager.signinSilent();
        renderUser(user);
        return user;
      }),
    // With `state`, oidc-client-ts sends a `state` that Sigil must hand back to the post-logout page.
    signOut: () => manager.signoutRedirect({ state: { signedOutFrom: window.location.pathname } }),
  };

  async function index() {
    document.getElementById('sign-in').addEventListener('click', () => window.spa.signIn());
    document.getElementById('renew').addEventListener('click', () => window.spa.renew());
    document.getElementById('sign-out').addEventListener('click', () => window.spa.signOut());
    renderUser(await manager.getUser());
  }

  async function callback() {
    const result = await attempt(() => manager.signinRedirectCallback());
    window.spa.callbackResult = result;
    if (!result.ok) {
      setState('error', `Sign-in failed: ${result.error.error ?? result.error.message}`, true);
      return;
    }
    window.location.replace('/');
  }

  async function silent() {
    try {
      await manager.signinSilentCallback();
      setState('done', '');
    } catch (e) {
      window.spa.silentError = describeError(e);
      setState('error', '', true);
    }
  }

  async function signedOut() {
    let result;
    try {
      const response = await manager.signoutRedirectCallback();
      result = { ok: true, state: response.userState ?? null, error: response.error ?? null };
    } catch (e) {
      result = { ok: false, error: describeError(e) };
    }
    window.spa.signOutResult = result;
    if (result.ok) setState('signed-out', 'You are signed out.');
    else setState('error', `Sign-out failed: ${result.error.error ?? result.error.message}`, true);
  }

  const pages = { index, callback, silent, 'signed-out': signedOut };
  pages[document.body.dataset.page]().catch((e) => {
    window.spa.pageError = describeError(e);
    setState('error', String(e?.message ?? e), true);
  });
})();
