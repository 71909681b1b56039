#!/usr/bin/env node
/**
 * `npm run bench [-- options]`: builds Sigil (dist/), then runs the benchmark suites and prints a
 * markdown report (progress goes to stderr). Results are also written to bench/results/<time>.json.
 *
 *   --suite token|flow|persistence|all   which suites (default all)
 *   --quick                         1 round, short runs, 100k instead of 1M stored grants
 *   --rounds N --duration S --warmup S --connections N --latency-connections N
 *                                   (--connections is also the flow suite's parallel user agents)
 *   --flow-variant login|sso|both   the flow suite's variants (default both): sign-ins with the
 *                                   password check, and/or single sign-on of returning users
 *   --no-build                      bench the dist/ already built
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FLOW_CONTENDERS, flowScenarios, flowTable } from './flow.mjs';
import { CLIENTS, newSetup } from './lib/setup.mjs';
import { fmt, progress, table } from './lib/stats.mjs';
import { persistence } from './persistence.mjs';
import { CONTENDERS, measure, peakRss, SCENARIOS, throughputTable } from './token-service.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    suite: { type: 'string', default: 'all' },
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string', default: '20' },
    'latency-connections': { type: 'string', default: '4' },
    'flow-variant': { type: 'string', default: 'both' },
    'no-build': { type: 'boolean', default: false },
  },
});
const quick = args.quick;
const flowSet = flowScenarios(args['flow-variant']);
const opts = {
  rounds: Number(args.rounds ?? (quick ? 1 : 5)),
  duration: Number(args.duration ?? (quick ? 2 : 3)),
  warmup: Number(args.warmup ?? (quick ? 1 : 2)),
  connections: Number(args.connections),
  latencyConnections: Number(args['latency-connections']),
  quick,
};

if (!args['no-build']) {
  progress('building dist/ (tsc -p tsconfig.build.json)');
  const tsc = spawnSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}

const report = [];
const out = { machine: machine(), options: opts };
report.push(`# Sigil benchmark report\n\n${out.machine.text}\n`);
report.push(
  `Command: \`npm run bench -- ${process.argv.slice(2).join(' ')}\` — ${opts.rounds} round(s), ${opts.duration} s measured after ${opts.warmup} s warm-up, ${opts.connections} connections.\n`,
);

const setup = newSetup();
if (args.suite === 'all' || args.suite === 'token') {
  progress('token service: throughput');
  const contenders = CONTENDERS.map((c) => ({ ...c, setup }));
  out.token = await measure(SCENARIOS, contenders, opts);
  report.push(`## Token service (memory stores)\n\n${throughputTable(out.token, contenders)}\n`);
  progress('token service: peak RSS after 100k requests');
  const amount = quick ? 20_000 : 100_000;
  const sigil = contenders[0];
  out.rss = [
    { ...(await peakRss(sigil, CLIENTS.es256, { amount, connections: opts.connections })), tokens: 'ES256 JWT' },
    { ...(await peakRss(sigil, CLIENTS.reference, { amount, connections: opts.connections })), tokens: 'reference' },
  ];
  report.push(
    `## Sigil peak RSS after ${fmt(amount)} token requests\n\n${table(
      ['tokens', 'max RSS at start', 'max RSS after', 'RSS after'],
      out.rss.map((r) => [r.tokens, mb(r.startMaxRss), mb(r.maxRss), mb(r.rss)]),
    )}\n`,
  );
}
if (args.suite === 'all' || args.suite === 'flow') {
  progress('flow: full sign-ins (authorization code + PKCE, login or single sign-on, code exchange)');
  out.flow = await measure(
    flowSet,
    FLOW_CONTENDERS.map((c) => ({ ...c, setup })),
    opts,
  );
  report.push(`## Full sign-in flows (memory stores)\n\n${flowTable(out.flow)}\n`);
}
if (args.suite === 'all' || args.suite === 'persistence') {
  out.persistence = await persistence(setup, opts, report);
}

console.log(report.join('\n'));
mkdirSync(`${root}bench/results`, { recursive: true });
const file = `${root}bench/results/${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, JSON.stringify(out, null, 2));
progress(`results written to ${file}`);

function mb(bytes) {
  return `${fmt(bytes / 1024 / 1024)} MiB`;
}

function machine() {
  const c = cpus();
  const text = `Machine: ${c.length} × ${c[0]?.model ?? 'unknown CPU'}, ${fmt(totalmem() / 2 ** 30)} GiB RAM; Node ${process.version}; ${new Date().toISOString()}.`;
  return { cpus: c.length, model: c[0]?.model, node: process.version, text };
}
