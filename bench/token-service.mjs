/**
 * The token-service benchmark: client_credentials with ES256 and RS256 JWT access tokens, with
 * reference tokens, and introspection of a reference token, against Sigil (memory store),
 * oidc-provider and the minimal endpoint. For each scenario and round every contender gets a
 * fresh process, a warm-up and a measured run; the order rotates each round (A B C, B C A, C A B)
 * and the median round is reported. Also: the peak RSS after 100k token requests.
 */
import { load, once } from './lib/load.mjs';
import { startServer } from './lib/server-process.mjs';
import { API, basic, CLIENTS } from './lib/setup.mjs';
import { fmt, median, progress, rotate, table } from './lib/stats.mjs';

/** The contenders and where each serves the two endpoints. */
export const CONTENDERS = [
  { name: 'sigil', token: '/connect/token', introspect: '/connect/introspect' },
  { name: 'oidc-provider', token: '/token', introspect: '/token/introspection' },
  { name: 'minimal', token: '/token', introspect: '/introspect' },
];

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The token request of a client, as every contender receives it. */
export function tokenRequest(contender, client) {
  return {
    path: contender.token,
    headers: { ...FORM, authorization: basic(client.id, client.secret) },
    body: `grant_type=client_credentials&scope=${API.scope}`,
  };
}

/** The introspection request of the API for `token`. */
export function introspectionRequest(contender, token) {
  return {
    path: contender.introspect,
    headers: { ...FORM, authorization: basic(API.name, API.secret) },
    body: `token=${token}`,
  };
}

/** Scenarios: each returns the request to load a started server with. */
export const SCENARIOS = [
  { name: 'client_credentials, ES256 JWT', request: async (_s, c) => tokenRequest(c, CLIENTS.es256) },
  { name: 'client_credentials, RS256 JWT', request: async (_s, c) => tokenRequest(c, CLIENTS.rs256) },
  { name: 'client_credentials, reference token', request: async (_s, c) => tokenRequest(c, CLIENTS.reference) },
  {
    name: 'introspection of a reference token',
    request: async (s, c) => {
      const { access_token } = await once(s.url, tokenRequest(c, CLIENTS.reference));
      return introspectionRequest(c, access_token);
    },
  },
];

/**
 * Measure every scenario (`{ name, request }`, or `{ name, run(server, contender, { connections,
 * duration, state }) }` returning `{ rps, total, p50, p99 }`, with an optional unmeasured
 * `prepare(server, contender, { connections })` whose result `run` gets as `state`). `contenders` are { name, script, token, introspect, setup } where
 * `setup` is what the server process gets. Per scenario and contender: the median req/s, latency
 * and server CPU time per request over the rounds, and the median over rounds of the ratio to
 * each other contender measured in the same round (adjacent in time, so a noisy neighbour on the
 * machine weighs on both sides of a ratio alike).
 */
export async function measure(scenarios, contenders, { rounds, duration, warmup, connections }) {
  const results = [];
  for (const scenario of scenarios) {
    const runs = new Map(contenders.map((c) => [c.name, []]));
    for (let r = 0; r < rounds; r++) {
      for (const c of rotate(contenders, r)) {
        const server = await startServer(c.script ?? c.name, c.setup);
        try {
          // A scenario either names one request for autocannon or drives the server itself (`run`).
          const req = scenario.request && (await scenario.request(server, c));
          // `prepare` (optional, unmeasured) sets the server up for `run`, which gets its result as `state`.
          const state = scenario.prepare && (await scenario.prepare(server, c, { connections }));
          const run = (o) => (scenario.run ? scenario.run(server, c, { ...o, state }) : load(server.url, req, o));
          if (warmup > 0) await run({ connections, duration: warmup });
          const before = await server.call('cpu');
          const m = await run({ connections, duration });
          const after = await server.call('cpu');
          m.cpu = (after.user - before.user + after.system - before.system) / m.total;
          runs.get(c.name)[r] = m;
          const unit = scenario.unit ?? 'req';
          progress(
            `  ${scenario.name} | round ${r + 1} | ${c.name}: ${fmt(m.rps)} ${unit}/s, ${fmt(m.cpu)} µs CPU/${unit}`,
          );
        } finally {
          await server.stop();
        }
      }
    }
    for (const c of contenders) {
      const ms = runs.get(c.name);
      const ratios = {};
      for (const other of contenders) {
        const os = runs.get(other.name);
        ratios[other.name] = median(ms.map((m, i) => m.rps / os[i].rps));
      }
      results.push({
        scenario: scenario.name,
        contender: c.name,
        rps: median(ms.map((m) => m.rps)),
        p50: median(ms.map((m) => m.p50)),
        p99: median(ms.map((m) => m.p99)),
        cpu: median(ms.map((m) => m.cpu)),
        ratios,
        runs: ms.map((m) => Math.round(m.rps)),
      });
    }
  }
  return results;
}

/** Peak RSS (maxRSS of the process) after `amount` token requests of `client`. */
export async function peakRss(contender, client, { amount, connections }) {
  const server = await startServer(contender.script ?? contender.name, contender.setup);
  try {
    const before = await server.rss();
    await load(server.url, tokenRequest(contender, client), { connections, amount });
    const after = await server.rss();
    return { contender: contender.name, startMaxRss: before.maxRss, maxRss: after.maxRss, rss: after.rss };
  } finally {
    await server.stop();
  }
}

/** The markdown table of throughput with ratios to oidc-provider and to the minimal endpoint. */
export function throughputTable(results, contenders) {
  const rows = [];
  for (const r of results) {
    if (!contenders.some((c) => c.name === r.contender)) continue;
    const vs = r.ratios['oidc-provider'];
    const of = r.ratios.minimal;
    rows.push([
      r.scenario,
      r.contender,
      fmt(r.rps),
      `${r.p50} / ${r.p99}`,
      fmt(r.cpu),
      vs === undefined ? 'n/a' : `${fmt(vs, 2)}×`,
      of === undefined ? 'n/a' : `${fmt(100 * of)}%`,
      r.runs.map((x) => fmt(x)).join(', '),
    ]);
  }
  return table(
    [
      'scenario',
      'contender',
      'req/s',
      'latency p50 / p99 ms',
      'server CPU µs/req',
      'vs oidc-provider',
      'of minimal',
      'req/s per round',
    ],
    rows,
  );
}
