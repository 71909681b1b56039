/**
 * The flow suite: full interactive sign-ins (authorization code + PKCE, login form with password
 * check, code exchange) per second, Sigil against oidc-provider, alternating rounds as the token
 * suite does (bench/lib/flow-client.mjs is the user agent). Two scenarios differ only in the
 * user's argon2id hash, which both contenders verify: argon2id's defaults (Sigil's own cost), and
 * a cheap hash that leaves the rest of the flow in view.
 */
import { loadFlows } from './lib/flow-client.mjs';
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
  unit: 'flow',
  run: (server, c, { connections, duration }) => loadFlows(server.url, c, user, { workers: connections, duration }),
});

/** The flow scenarios, by password hash. */
export const FLOW_SCENARIOS = [
  scenario('sign-in flow, argon2id m=19456 KiB t=2 (default)', FLOW.users.argon2),
  scenario('sign-in flow, argon2id m=1024 KiB t=1 (cheap)', FLOW.users.cheap),
];

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
