#!/usr/bin/env node
/**
 * What OpenTelemetry costs on the node:http fast path: ES256 client_credentials against Sigil
 * with telemetry off, on without an SDK (the API's no-ops), and on with an SDK registered (spans
 * and metrics recorded, exported nowhere). Reports server CPU µs per request (read from the server
 * process; robust on a shared machine) and req/s over the same timed run, each the median over
 * rounds, with the contenders' order rotated per round. Run `npm run build` first.
 *
 *   node bench/telemetry-overhead.mjs [--rounds 5] [--duration 8] [--connections 20] [--only off,on,...]
 */
import { parseArgs } from 'node:util';
import { load } from './lib/load.mjs';
import { startServer } from './lib/server-process.mjs';
import { API, basic, CLIENTS, newSetup } from './lib/setup.mjs';
import { fmt, median, progress, rotate, table } from './lib/stats.mjs';

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '5' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '20' },
    only: { type: 'string' },
  },
});
const duration = Number(args.duration);
const connections = Number(args.connections);
const OFF = { tracing: false, metrics: false };
const ON = { tracing: true, metrics: true };
const ALL = [
  { key: 'off', name: 'telemetry off', telemetry: OFF },
  { key: 'on', name: 'telemetry on, no SDK', telemetry: ON },
  { key: 'on-sdk', name: 'telemetry on, SDK registered', telemetry: ON, sdk: true },
  { key: 'tracing-sdk', name: 'tracing only, SDK registered', telemetry: { tracing: true, metrics: false }, sdk: true },
  { key: 'metrics-sdk', name: 'metrics only, SDK registered', telemetry: { tracing: false, metrics: true }, sdk: true },
  { key: 'off-sdk', name: 'telemetry off, SDK registered', telemetry: OFF, sdk: true },
];
// `off` is the baseline of the "vs off" column, so it always runs.
const only = new Set(['off', ...(args.only?.split(',') ?? ALL.map((c) => c.key))]);
const contenders = ALL.filter((c) => only.has(c.key));
const setup = newSetup();
const req = {
  path: '/connect/token',
  headers: {
    'content-type': 'application/x-www-form-urlencoded',
    authorization: basic(CLIENTS.es256.id, CLIENTS.es256.secret),
  },
  body: `grant_type=client_credentials&scope=${API.scope}`,
};
const cpu = new Map(contenders.map((c) => [c.name, []]));
const rps = new Map(contenders.map((c) => [c.name, []]));
for (let r = 0; r < Number(args.rounds); r++) {
  for (const c of rotate(contenders, r)) {
    const server = await startServer('sigil-telemetry', { ...setup, telemetry: c.telemetry, sdk: c.sdk === true });
    try {
      await load(server.url, req, { amount: 5000, connections });
      const before = await server.call('cpu');
      const run = await load(server.url, req, { duration, connections });
      const after = await server.call('cpu');
      const us = (after.user - before.user + after.system - before.system) / run.total;
      cpu.get(c.name).push(us);
      rps.get(c.name).push(run.rps);
      progress(`  round ${r + 1} | ${c.name}: ${fmt(us, 1)} µs CPU/request, ${fmt(run.rps)} req/s`);
    } finally {
      await server.stop();
    }
  }
}
const base = median(cpu.get('telemetry off'));
console.log(
  table(
    ['ES256 client_credentials', 'server CPU µs/request', 'vs off', 'req/s', 'CPU µs per round'],
    contenders.map((c) => {
      const m = median(cpu.get(c.name));
      return [
        c.name,
        fmt(m, 1),
        `${m >= base ? '+' : ''}${fmt(((m - base) / base) * 100, 1)}%`,
        fmt(median(rps.get(c.name))),
        cpu
          .get(c.name)
          .map((x) => fmt(x, 0))
          .join(', '),
      ];
    }),
  ),
);
