/**
 * The load generator: autocannon in this (the orchestrator's) process, keep-alive HTTP/1.1 on
 * loopback, a fixed request per scenario. Returns req/s and latency percentiles (autocannon
 * records latency in whole milliseconds), and fails loudly on any non-2xx answer or socket error,
 * so that a misconfigured contender never produces a number.
 */
import autocannon from 'autocannon';

/** Run autocannon against `url` with the request `req` ({ method, path, headers, body }). */
export async function load(url, req, { connections = 20, duration = 5, amount } = {}) {
  const result = await autocannon({
    url: url + req.path,
    method: req.method ?? 'POST',
    headers: req.headers,
    body: req.body,
    connections,
    ...(amount ? { amount } : { duration }),
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${url}${req.path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts of ${result.requests.total}`,
    );
  }
  return {
    rps: result.requests.total / result.duration,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** One request, to prepare a scenario (e.g. issue the token the introspection scenario reads). */
export async function once(url, req) {
  const res = await fetch(url + req.path, { method: req.method ?? 'POST', headers: req.headers, body: req.body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${url}${req.path}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/**
 * Load `url` with `req` while `work()` runs (e.g. a cleanup sweep in the server), and stop when
 * it settles. Returns the work's result, the 2xx req/s over exactly that time, and how many
 * requests failed or timed out (autocannon's 10 s timeout) meanwhile: here those are results.
 */
export async function loadDuring(url, req, work, { connections = 20, maxSeconds = 900 } = {}) {
  const instance = autocannon({
    url: url + req.path,
    method: req.method ?? 'POST',
    headers: req.headers,
    body: req.body,
    connections,
    duration: maxSeconds,
  });
  const done = new Promise((resolve) => instance.once('done', resolve));
  let completed = 0;
  let failed = 0;
  instance.on('response', (_client, statusCode) => {
    if (statusCode >= 200 && statusCode < 300) completed++;
    else failed++;
  });
  const started = process.hrtime.bigint();
  let value;
  try {
    value = await work();
  } finally {
    instance.stop();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const result = await done;
  return {
    value,
    seconds,
    rps: completed / seconds,
    failed: failed + result.errors,
    timeouts: result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}
