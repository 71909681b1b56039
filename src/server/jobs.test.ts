import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { initialDelay, type JobDefinition, startJobs } from './jobs.js';
import { recordingPino } from './recording-pino.case.js';

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

/** Resolves once `check` holds, polling between event-loop turns (no deadline: node:test's timeout applies). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 2));
}

const job = (over: Partial<JobDefinition> & Pick<JobDefinition, 'run'>): JobDefinition => ({
  name: 'j',
  intervalMs: 1,
  initialJitterMs: 0,
  ...over,
});

describe('background job runner', () => {
  it('logs a throwing run with the job name and runs the job again', { timeout: 10_000 }, async () => {
    const log = recordingPino();
    let runs = 0;
    const jobs = startJobs(
      [
        job({
          async run() {
            runs++;
            if (runs === 1) throw new Error('database went away');
            if (runs === 2) throw 'not even an Error';
          },
        }),
      ],
      log.logger,
    );
    try {
      await until(() => runs >= 3);
    } finally {
      await jobs.stop();
    }
    const failures = log.entries.filter((e) => e.level === 50);
    assert.equal(failures.length, 2);
    assert.equal(failures[0]!.job, 'j');
    assert.match(String(failures[0]!.msg), /background job "j" failed; it will run again/);
    assert.match(JSON.stringify(failures[0]!.err), /database went away/);
  });

  it('isolates jobs: one failing job does not stop another', { timeout: 10_000 }, async () => {
    const log = recordingPino();
    let good = 0;
    const jobs = startJobs(
      [
        job({ name: 'bad', run: () => Promise.reject(new Error('boom')) }),
        job({ name: 'good', run: async () => void good++ }),
      ],
      log.logger,
    );
    try {
      await until(() => good >= 3);
    } finally {
      await jobs.stop();
    }
    assert.ok(log.entries.some((e) => e.level === 50 && e.job === 'bad'));
    assert.ok(!log.entries.some((e) => e.job === 'good'));
  });

  it('never runs a job twice at once: runNow during a run waits for that run', { timeout: 10_000 }, async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release = gate();
    const jobs = startJobs(
      [
        job({
          intervalMs: 0,
          async run() {
            runs++;
            active++;
            maxActive = Math.max(maxActive, active);
            await release.promise;
            active--;
          },
        }),
      ],
      recordingPino().logger,
    );
    try {
      await until(() => runs === 1);
      const waiting = [jobs.runNow('j'), jobs.runNow('j'), jobs.runNow('j')];
      await tick();
      assert.equal(runs, 1);
      release.open();
      await Promise.all(waiting);
      for (let i = 0; i < 5; i++) {
        release = gate();
        const a = jobs.runNow('j');
        const b = jobs.runNow('j');
        release.open();
        await Promise.all([a, b]);
      }
    } finally {
      release.open();
      await jobs.stop();
    }
    assert.equal(maxActive, 1);
  });

  it('stop() aborts the signal, waits for the run in flight and starts no new run', { timeout: 10_000 }, async () => {
    const release = gate();
    let started = 0;
    let finished = 0;
    let sawAbort = false;
    const jobs = startJobs(
      [
        job({
          intervalMs: 0,
          async run(signal) {
            started++;
            await release.promise;
            sawAbort = signal.aborted;
            finished++;
          },
        }),
      ],
      recordingPino().logger,
    );
    await until(() => started === 1);
    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    for (let i = 0; i < 10; i++) await tick();
    assert.equal(stopped, false, 'stop() resolved while a run was in flight');
    release.open();
    await stopping;
    assert.equal(finished, 1);
    assert.equal(sawAbort, true);
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(started, 1);
    await assert.rejects(jobs.runNow('j'), /the jobs are stopped/);
    await jobs.stop();
  });

  it('asks a function interval again after every run', { timeout: 10_000 }, async () => {
    const asked: number[] = [];
    let runs = 0;
    const jobs = startJobs(
      [
        job({
          intervalMs: () => {
            asked.push(runs);
            return 1;
          },
          run: async () => void runs++,
        }),
      ],
      recordingPino().logger,
    );
    try {
      await until(() => runs >= 3);
    } finally {
      await jobs.stop();
    }
    // Once for the first start, then once after each run.
    assert.deepEqual(asked.slice(0, 3), [0, 1, 2]);
  });

  it('keeps going on the fallback interval when the interval function throws', { timeout: 10_000 }, async () => {
    const log = recordingPino();
    const jobs = startJobs(
      [
        job({
          intervalMs: () => {
            throw new Error('no clock');
          },
          run: async () => undefined,
        }),
      ],
      log.logger,
    );
    await until(() => log.entries.some((e) => e.level === 50));
    await jobs.stop();
    assert.match(String(log.entries[0]!.msg), /could not compute its next interval/);
  });

  it('rejects runNow for an unknown job', async () => {
    const jobs = startJobs([], recordingPino().logger);
    await assert.rejects(jobs.runNow('nope'), /no background job "nope"/);
    await jobs.stop();
  });
});

describe('first-start jitter', () => {
  const j = (initialJitterMs?: number) => job({ initialJitterMs, run: async () => undefined });

  it('stays in [0, initialJitterMs) for any random draw', () => {
    for (const r of [0, 0.25, 0.5, 0.999_999_999, 1 - Number.EPSILON]) {
      const d = initialDelay(j(30_000), 300_000, () => r);
      assert.ok(d >= 0 && d < 30_000, `draw ${r} gave ${d}`);
    }
    for (let i = 0; i < 10_000; i++) {
      const d = initialDelay(j(1000), 5000);
      assert.ok(Number.isInteger(d) && d >= 0 && d < 1000);
    }
  });

  it('defaults to the first interval, and never exceeds it', () => {
    assert.equal(
      initialDelay(j(), 3_600_000, () => 0),
      0,
    );
    assert.ok(initialDelay(j(), 3_600_000, () => 0.999_999) < 3_600_000);
    assert.ok(initialDelay(j(60_000), 10_000, () => 0.999_999) < 10_000);
  });

  it('clamps a broken random source into the bound', () => {
    assert.equal(
      initialDelay(j(1000), 5000, () => -3),
      0,
    );
    assert.ok(initialDelay(j(1000), 5000, () => 7) < 1000);
  });

  it('spreads the first runs of instances started together', () => {
    const starts = new Set(Array.from({ length: 50 }, () => initialDelay(j(3_600_000), 3_600_000)));
    assert.ok(starts.size > 40);
  });
});
