/**
 * The persistence benchmarks:
 * 1. reference-token issuance and introspection with Sigil on SQLite and on PostgreSQL, side by
 *    side with oidc-provider on its in-memory (Map) adapter and opaque tokens;
 * 2. latency (p50, p99) of issuance and introspection with 10k and with 1M stored grants, per
 *    engine, the two sizes alternating;
 * 3. the time to remove 1M expired grants with the cleanup job's sweep while serving, and the
 *    token throughput meanwhile against the same server before and after.
 *
 * Run on its own, only the cleanup part (builds nothing: run `npm run build` first):
 *   node bench/persistence.mjs --only cleanup [--grants N] [--engine sqlite|postgres] [--duration S] [--warmup S]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { dropAll, postgresStore, prefill, prefilledHandle, sqliteStore } from './lib/databases.mjs';
import { measureLatency } from './lib/latency.mjs';
import { load, loadDuring } from './lib/load.mjs';
import { startServer } from './lib/server-process.mjs';
import { CLIENTS, newSetup } from './lib/setup.mjs';
import { fmt, median, progress, rotate, table } from './lib/stats.mjs';
import { CONTENDERS, introspectionRequest, measure, SCENARIOS, tokenRequest } from './token-service.mjs';

const [SIGIL, OIDC_PROVIDER] = CONTENDERS;
const reference = SCENARIOS.filter((s) => /reference/.test(s.name));

/** Open Sigil on `store` in this process (migrations, key ring) to get what the pre-fill needs. */
async function rowContext(setup, store, expiresIn) {
  const { sigilOptions } = await import('./servers/sigil.mjs');
  const { createIdentityServer } = await import('../dist/index.js');
  const { grantProtector } = await import('../dist/tokens/grant-protector.js');
  const { handleKey } = await import('../dist/crypto/handles.js');
  const sigil = await createIdentityServer(sigilOptions({ ...setup, port: 0, store }));
  const protector = grantProtector(sigil.context);
  await sigil.close();
  const now = Math.floor(Date.now() / 1000);
  return { handleKey, protect: (s) => protector.protect(s), issuer: sigil.issuer, now, expiresAt: now + expiresIn };
}

async function timed(label, fn) {
  const t = process.hrtime.bigint();
  const r = await fn();
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  progress(`  ${label}: ${fmt(s, 1)} s`);
  return { r, s };
}

/** Run the persistence suite; appends markdown sections to `report` and returns the figures. */
export async function persistence(setup, allOpts, report) {
  // Store-bound ratios are far apart; three rounds keep the suite's time reasonable.
  const opts = { ...allOpts, rounds: Math.min(allOpts.rounds, 3) };
  const big = opts.quick ? 100_000 : 1_000_000;
  const small = 10_000;
  const out = {};
  const stores = [];
  try {
    // 1. Throughput on SQL stores vs oidc-provider (memory).
    progress('persistence: reference tokens on SQLite and PostgreSQL');
    const sqlite = sqliteStore('throughput');
    const postgres = await postgresStore('throughput');
    stores.push(sqlite, postgres);
    const contenders = [
      { ...SIGIL, name: 'sigil (sqlite)', script: 'sigil', setup: { ...setup, store: sqlite } },
      { ...SIGIL, name: 'sigil (postgres)', script: 'sigil', setup: { ...setup, store: postgres } },
      { ...OIDC_PROVIDER, setup },
    ];
    out.throughput = await measure(reference, contenders, opts);
    const rows = out.throughput.map((r) => [
      r.scenario,
      r.contender,
      fmt(r.rps),
      `${r.p50} / ${r.p99}`,
      fmt(r.cpu),
      `${fmt(r.ratios[OIDC_PROVIDER.name], 2)}×`,
      r.runs.map((x) => fmt(x)).join(', '),
    ]);
    report.push(
      `## Reference tokens on SQL stores (oidc-provider: memory)\n\n${table(
        [
          'scenario',
          'contender',
          'req/s',
          'latency p50 / p99 ms',
          'server CPU µs/req',
          'vs oidc-provider',
          'req/s per round',
        ],
        rows,
      )}\n`,
    );

    // 2. Latency at 10k and 1M stored grants, 3. cleanup of 1M expired grants.
    out.latency = [];
    out.cleanup = [];
    for (const engine of ['sqlite', 'postgres']) {
      progress(`persistence: ${engine} with ${fmt(small)} and ${fmt(big)} stored grants`);
      const sizes = [];
      for (const n of [small, big]) {
        const store = engine === 'sqlite' ? sqliteStore(`grants_${n}`) : await postgresStore(`grants_${n}`);
        stores.push(store);
        const ctx = await rowContext(setup, store, 7 * 86_400);
        await timed(`pre-fill ${fmt(n)} live grants`, () => prefill(store, 0, n, ctx));
        sizes.push({ n, store });
      }
      const per = new Map(sizes.map((s) => [s.n, []]));
      for (let r = 0; r < opts.rounds; r++) {
        for (const { n, store } of rotate(sizes, r)) {
          const server = await startServer('sigil', { ...setup, store });
          try {
            const m = await latencyRun(server, n, opts);
            per.get(n).push(m);
            progress(
              `  ${engine} ${fmt(n)} | round ${r + 1}: issue p50 ${fmt(m.issue.p50, 2)} ms, introspect p50 ${fmt(m.introspect.p50, 2)} ms`,
            );
          } finally {
            await server.stop();
          }
        }
      }
      for (const { n } of sizes) {
        const ms = per.get(n);
        const pick = (kind, p) => median(ms.map((m) => m[kind][p]));
        // The p50 ratio to the small store, per round (the two sizes run back to back), then the median.
        const ratio = (kind) => median(ms.map((m, i) => m[kind].p50 / per.get(small)[i][kind].p50));
        out.latency.push({
          engine,
          grants: n,
          issue: { p50: pick('issue', 'p50'), p99: pick('issue', 'p99'), ratio: ratio('issue') },
          introspect: { p50: pick('introspect', 'p50'), p99: pick('introspect', 'p99'), ratio: ratio('introspect') },
          rounds: ms,
        });
      }

      await cleanupRuns(setup, engine, sizes[1].store, big, opts, out.cleanup);
    }
    report.push(latencyTable(out.latency, small, big, opts));
    report.push(cleanupTable(out.cleanup, big));
  } finally {
    await dropAll(stores);
  }
  return out;
}

/**
 * The sweep variants on `store` (already holding `big` live grants): on SQLite, the sweep as the
 * first benchmark ran it (batches of 500 back to back) and the cleanup job's pass; on PostgreSQL,
 * the job's pass. Each removes `big` freshly added expired grants while serving.
 */
async function cleanupRuns(setup, engine, store, big, opts, results) {
  const sweeps = engine === 'sqlite' ? ['unpaced', 'job'] : ['job'];
  for (const [v, sweep] of sweeps.entries()) {
    const ctx = await rowContext(setup, store, -3600);
    const from = (1 + v) * big;
    await timed(`pre-fill ${fmt(big)} expired grants`, () => prefill(store, from, from + big, ctx));
    const run = await cleanupRun(setup, store, big, opts, { sweep });
    results.push({ engine, sweep, ...run });
  }
}

/** Issue a reference token, then introspect a random pre-filled one; repeat on each connection. */
async function latencyRun(server, n, opts) {
  const issue = tokenRequest(SIGIL, CLIENTS.reference);
  const next = () => [
    ['issue', issue],
    ['introspect', introspectionRequest(SIGIL, prefilledHandle(Math.floor(Math.random() * n)))],
  ];
  const check = (kind, body) => {
    if (kind === 'introspect' && !body.startsWith('{"iss"')) throw new Error(`inactive pre-filled token: ${body}`);
  };
  await measureLatency(server.url, next, { connections: opts.latencyConnections, duration: opts.warmup, check });
  return measureLatency(server.url, next, { connections: opts.latencyConnections, duration: opts.duration, check });
}

/** Token req/s before, during and after the cleanup sweep of `expired` grants. */
async function cleanupRun(setup, store, expired, opts, args) {
  const server = await startServer('sigil', { ...setup, store });
  try {
    const req = tokenRequest(SIGIL, CLIENTS.reference);
    // A longer warm-up: the server is new and the pre-filled tables are cold.
    await load(server.url, req, { connections: opts.connections, duration: opts.warmup + opts.duration });
    const before = await load(server.url, req, { connections: opts.connections, duration: opts.duration });
    progress(`  before cleanup: ${fmt(before.rps)} req/s`);
    const during = await loadDuring(server.url, req, () => server.call('cleanup', args), {
      connections: opts.connections,
    });
    progress(
      `  cleanup (${args.sweep}): ${fmt(during.value.removed)} removed in ${fmt(during.seconds, 1)} s, ${fmt(during.rps)} req/s, ${during.failed} failed (${during.timeouts} timeouts)`,
    );
    const after = await load(server.url, req, { connections: opts.connections, duration: opts.duration });
    progress(`  after cleanup: ${fmt(after.rps)} req/s`);
    if (during.value.removed < expired) throw new Error(`cleanup removed ${during.value.removed} of ${expired}`);
    return {
      removed: during.value.removed,
      seconds: during.seconds,
      before,
      during,
      after,
    };
  } finally {
    await server.stop();
  }
}

function latencyTable(latency, small, big, opts) {
  const rows = [];
  for (const engine of ['sqlite', 'postgres']) {
    const a = latency.find((l) => l.engine === engine && l.grants === small);
    const b = latency.find((l) => l.engine === engine && l.grants === big);
    for (const kind of ['issue', 'introspect']) {
      rows.push([
        engine,
        kind === 'issue' ? 'issue (client_credentials)' : 'introspect (random stored token)',
        `${fmt(a[kind].p50, 2)} / ${fmt(a[kind].p99, 2)}`,
        `${fmt(b[kind].p50, 2)} / ${fmt(b[kind].p99, 2)}`,
        `${fmt(b[kind].ratio, 2)}×`,
      ]);
    }
  }
  return `## Latency with ${fmt(small)} and ${fmt(big)} stored grants (${opts.latencyConnections} connections)\n\n${table(
    [
      'store',
      'request',
      `p50 / p99 ms at ${fmt(small)}`,
      `p50 / p99 ms at ${fmt(big)}`,
      'p50 ratio (per round, median)',
    ],
    rows,
  )}\n`;
}

function cleanupTable(cleanup, big) {
  const rows = cleanup.map((c) => {
    const without = (c.before.rps + c.after.rps) / 2;
    return [
      c.engine,
      c.sweep === 'job' ? 'the cleanup job (cleanup-expired.ts)' : 'batches of 500 back to back (the first run)',
      fmt(c.removed),
      fmt(c.seconds, 1),
      fmt(c.removed / c.seconds),
      `${fmt(c.before.rps)} / ${fmt(c.after.rps)}`,
      fmt(c.during.rps),
      `${fmt((100 * (without - c.during.rps)) / without)}%`,
      `${fmt(c.during.failed)} (${fmt(c.during.timeouts)} timeouts)`,
      `${c.during.p50} / ${c.during.p99}`,
    ];
  });
  return `## Cleanup of ${fmt(big)} expired grants while serving reference-token requests\n\n${table(
    [
      'store',
      'sweep',
      'removed',
      'seconds',
      'rows/s',
      'req/s before / after',
      'req/s during',
      'throughput lost',
      'failed requests during',
      'latency p50 / p99 ms during',
    ],
    rows,
  )}\n`;
}

/** `node bench/persistence.mjs --only cleanup`: the cleanup part alone, with `--grants` rows. */
async function cleanupOnly() {
  const { values: a } = parseArgs({
    options: {
      only: { type: 'string' },
      grants: { type: 'string', default: '100000' },
      engine: { type: 'string', multiple: true },
      duration: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '20' },
    },
  });
  if (a.only !== 'cleanup') throw new Error('run with --only cleanup, or through bench/run.mjs');
  const opts = { duration: Number(a.duration), warmup: Number(a.warmup), connections: Number(a.connections) };
  const big = Number(a.grants);
  const setup = newSetup();
  const results = [];
  const stores = [];
  try {
    for (const engine of a.engine ?? ['sqlite', 'postgres']) {
      progress(`cleanup on ${engine}: ${fmt(big)} live grants, then ${fmt(big)} expired ones per sweep`);
      const store = engine === 'sqlite' ? sqliteStore('cleanup') : await postgresStore('cleanup');
      stores.push(store);
      await timed(`pre-fill ${fmt(big)} live grants`, async () =>
        prefill(store, 0, big, await rowContext(setup, store, 7 * 86_400)),
      );
      await cleanupRuns(setup, engine, store, big, opts, results);
    }
  } finally {
    await dropAll(stores);
  }
  console.log(cleanupTable(results, big));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await cleanupOnly();
