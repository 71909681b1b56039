/**
 * A closed-loop latency client: `connections` keep-alive loops, each sending one request after
 * the other and timing it with hrtime (autocannon's histogram has 1 ms resolution, too coarse for
 * sub-millisecond store lookups). Percentiles are exact over every sample.
 */
import { Agent, request } from 'node:http';
import { quantile } from './stats.mjs';

function send(agent, url, req) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const r = request(url + req.path, { method: 'POST', agent, headers: req.headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        const body = Buffer.concat(chunks).toString();
        if (res.statusCode !== 200) reject(new Error(`${req.path}: ${res.statusCode} ${body}`));
        else resolve({ ms, body });
      });
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

/**
 * Run `connections` loops for `duration` seconds; each iteration sends every request of
 * `next()` (an array, e.g. [issue, introspect]) in turn and `check(kind, body)` may reject
 * answers. Returns per-kind { n, p50, p99 } in milliseconds.
 */
export async function measureLatency(url, next, { connections = 4, duration = 5, check = () => {} } = {}) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const samples = new Map();
  const deadline = Date.now() + duration * 1000;
  const loop = async () => {
    while (Date.now() < deadline) {
      for (const [kind, req] of next()) {
        const { ms, body } = await send(agent, url, req);
        check(kind, body);
        if (!samples.has(kind)) samples.set(kind, []);
        samples.get(kind).push(ms);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, loop));
  } finally {
    agent.destroy();
  }
  const out = {};
  for (const [kind, s] of samples) out[kind] = { n: s.length, p50: quantile(s, 0.5), p99: quantile(s, 0.99) };
  return out;
}
