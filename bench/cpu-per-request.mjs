#!/usr/bin/env node
/**
 * Server CPU time per request (user + system, read from the server process itself), for each
 * contender and scenario: a figure much less sensitive to a noisy shared machine than req/s,
 * used to judge optimisations. `node bench/cpu-per-request.mjs [--requests N] [--scenario TEXT]
 * [--contender TEXT] [--baseline DIR]` benches dist/ as built (run `npm run build` first);
 * `--baseline bench/baseline/dist` adds a copy of an earlier build as the contender `sigil-baseline`.
 * `--flows` measures the flow suite's full sign-ins instead (server CPU per flow, `--seconds S` of
 * flows per measurement with 20 parallel user agents); `--scenario SSO` only the single sign-on flows.
 */
import { parseArgs } from 'node:util';
import { FLOW_CONTENDERS, FLOW_SCENARIOS } from './flow.mjs';
import { load } from './lib/load.mjs';
import { startServer } from './lib/server-process.mjs';
import { newSetup } from './lib/setup.mjs';
import { fmt, median, progress, rotate, table } from './lib/stats.mjs';
import { CONTENDERS, SCENARIOS } from './token-service.mjs';

const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
    scenario: { type: 'string', default: '' },
    contender: { type: 'string', default: '' },
    baseline: { type: 'string' },
    flows: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '5' },
  },
});
const flows = args.flows;
const setup = newSetup();
const amount = Number(args.requests);
const all = [...(flows ? FLOW_CONTENDERS : CONTENDERS)];
if (args.baseline) all.push({ ...all[0], name: 'sigil-baseline', script: 'sigil', dist: args.baseline });
const contenders = all
  .filter((c) => c.name.includes(args.contender))
  .map((c) => ({ ...c, setup: c.dist ? { ...setup, dist: c.dist } : setup }));
const rows = [];
for (const scenario of (flows ? FLOW_SCENARIOS : SCENARIOS).filter((s) => s.name.includes(args.scenario))) {
  const per = new Map(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < Number(args.rounds); r++) {
    for (const c of rotate(contenders, r)) {
      const server = await startServer(c.script ?? c.name, c.setup);
      try {
        let run;
        if (flows) {
          const duration = Number(args.seconds);
          const state = scenario.prepare && (await scenario.prepare(server, c, { connections: 20 }));
          run = async (warm) =>
            (await scenario.run(server, c, { connections: 20, duration: warm ? 2 : duration, state })).total;
        } else {
          const req = await scenario.request(server, c);
          run = async (warm) => (await load(server.url, req, { amount: warm ? Math.min(5000, amount) : amount })).total;
        }
        await run(true);
        const before = await server.call('cpu');
        const total = await run(false);
        const after = await server.call('cpu');
        const us = (after.user - before.user + after.system - before.system) / total;
        per.get(c.name).push(us);
        progress(`  ${scenario.name} | ${c.name}: ${fmt(us, 1)} µs CPU/${flows ? 'flow' : 'request'}`);
      } finally {
        await server.stop();
      }
    }
  }
  for (const c of contenders) rows.push([scenario.name, c.name, fmt(median(per.get(c.name)), 1)]);
}
console.log(table(['scenario', 'contender', `server CPU µs/${flows ? 'flow' : 'request'} (median)`], rows));
