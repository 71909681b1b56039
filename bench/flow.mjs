/**
 * The flow suite: full interactive sign-ins (authorization code + PKCE, login form with password
 * check, code exchange) per second, Sigil against oidc-provider, alternating rounds as the token
 * suite does (bench/lib/flow-client.mjs is the user agent). Two variants:
 *
 * - `login`: two scenarios that differ only in the user's argon2id hash, which both contenders
 *   verify: argon2id's defaults (Sigil's own cost), and a cheap hash that leaves the rest of the
 *   flow in view.
 * - `sso`: a returning user with a login session at the provider. Each user agent signs in once
 *   (`prepare`, before the warm-up and outside the measurement), then every measured flow is the
 *   authorize request carrying the session cookie, redirected straight to the client with a code
 *   (no login page, no consent), and the code exchange.
 */
import { loadFlows, signInOnce } from './lib/flow-client.mjs';
import { FLOW } from './lib/setup.mjs';
import { fmt, table } from './lib/stats.mjs';
import { CONTENDERS } from './token-service.mjs';

/** Sigil and oidc-provider, with where each serves the authorize and token endpoints. */
export const FLOW_CONTENDERS = [
  { ...CONTENDERS[0], authorize: '/connect/authorize' },
  { ...CONTENDERS[1], authorize: '/auth' },
];

const scenario = (name, user) => ({
  name,
  variant: 'login',
  unit: 'flow',
  run: (server, c, { connections, duration }) => loadFlows(server.url, c, user, { workers: connections, duration }),
});

/**
 * The single sign-on scenario. `prepare` (called once per server process, before the warm-up)
 * signs each of the `connections` user agents in and returns their cookie jars, which `run` gets
 * back as `state` for the warm-up and the measured run.
 */
const ssoScenario = (name, user) => ({
  name,
  variant: 'sso',
  unit: 'flow',
  prepare: (server, c, { connections }) => signInOnce(server.url, c, user, { workers: connections }),
  run: (server, c, { connections, duration, state }) =>
    loadFlows(server.url, c, user, { workers: connections, duration, jars: state }),
});

/** The flow scenarios: sign-ins with the password check, by hash, then single sign-on. */
export const FLOW_SCENARIOS = [
  scenario('sign-in flow, argon2id m=19456 KiB t=2 (default)', FLOW.users.argon2),
  scenario('sign-in flow, argon2id m=1024 KiB t=1 (cheap)', FLOW.users.cheap),
  ssoScenario('SSO flow (returning user, session cookie; no login page, no consent)', FLOW.users.argon2),
];

/** The flow variants `--flow-variant` accepts: `login`, `sso` or `both`. */
export function flowScenarios(variant = 'both') {
  if (!['login', 'sso', 'both'].includes(variant)) throw new Error(`--flow-variant ${variant}: login, sso or both`);
  return FLOW_SCENARIOS.filter((s) => variant === 'both' || s.variant === variant);
}

/**
 * The markdown table of flows/s with the ratio to oidc-provider (median of per-round ratios), and
 * the ratio of server CPU per flow (oidc-provider's median over this contender's), which a busy
 * machine disturbs much less.
 */
export function flowTable(results) {
  const cpuOf = (scenario) => results.find((r) => r.scenario === scenario && r.contender === 'oidc-provider')?.cpu;
  return table(
    [
      'scenario',
      'contender',
      'flows/s',
      'flow latency p50 / p99 ms',
      'server CPU µs/flow',
      'flows/s vs oidc-provider',
      'CPU/flow, oidc-provider ÷ this',
      'flows/s per round',
    ],
    results.map((r) => [
      r.scenario,
      r.contender,
      fmt(r.rps),
      `${fmt(r.p50)} / ${fmt(r.p99)}`,
      fmt(r.cpu),
      `${fmt(r.ratios['oidc-provider'], 2)}×`,
      `${fmt(cpuOf(r.scenario) / r.cpu, 2)}×`,
      r.runs.map((x) => fmt(x)).join(', '),
    ]),
  );
}
