#!/usr/bin/env node
/**
 * Server CPU time per request (user + system, read from the server process itself), for each
 * contender and scenario: a figure much less sensitive to a noisy shared machine than req/s,
 * used to judge optimisations. `node bench/cpu-per-request.mjs [--requests N] [--scenario TEXT]
 * [--contender TEXT] [--baseline DIR]` benches dist/ as built (run `npm run build` first);
 * `--baseline bench/baseline/dist` adds a copy of an earlier build as the contender `sigil-baseline`.
 */
import { parseArgs } from 'node:util';
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
  },
});
const setup = newSetup();
const amount = Number(args.requests);
const all = [...CONTENDERS];
if (args.baseline) all.push({ ...CONTENDERS[0], name: 'sigil-baseline', script: 'sigil', dist: args.baseline });
const contenders = all
  .filter((c) => c.name.includes(args.contender))
  .map((c) => ({ ...c, setup: c.dist ? { ...setup, dist: c.dist } : setup }));
const rows = [];
for (const scenario of SCENARIOS.filter((s) => s.name.includes(args.scenario))) {
  const per = new Map(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < Number(args.rounds); r++) {
    for (const c of rotate(contenders, r)) {
      const server = await startServer(c.script ?? c.name, c.setup);
      try {
        const req = await scenario.request(server, c);
        await load(server.url, req, { amount: Math.min(5000, amount) });
        const before = await server.call('cpu');
        await load(server.url, req, { amount });
        const after = await server.call('cpu');
        const us = (after.user - before.user + after.system - before.system) / amount;
        per.get(c.name).push(us);
        progress(`  ${scenario.name} | ${c.name}: ${fmt(us, 1)} µs CPU/request`);
      } finally {
        await server.stop();
      }
    }
  }
  for (const c of contenders) rows.push([scenario.name, c.name, fmt(median(per.get(c.name)), 1)]);
}
console.log(table(['scenario', 'contender', 'server CPU µs/request (median)'], rows));
