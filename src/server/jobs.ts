/**
 * Background jobs: key-ring refresh, signing-key rotation, expired-grant cleanup. Each job runs on
 * its own timer with a randomised first start (so instances started together do not sweep in
 * lock-step), never overlaps itself, logs a failing run and keeps going, and `stop()` waits for
 * runs in flight. Timers are `unref`ed: jobs never keep a process alive.
 */
import type { Logger } from 'pino';

/** A periodic job. */
export interface JobDefinition {
  readonly name: string;
  /** Milliseconds between the end of one run and the start of the next. */
  readonly intervalMs: number;
  /** Upper bound of the random delay before the first run; default `intervalMs`. */
  readonly initialJitterMs?: number;
  /** One run. `signal` aborts when the runner stops; long runs should check it between batches. */
  run(signal: AbortSignal): Promise<unknown>;
}

/** Runs jobs until stopped. */
export interface JobRunner {
  /** Run one job now (tests, `sigil keys rotate`); resolves when the run ends. Never rejects. */
  runNow(name: string): Promise<void>;
  /** Stop scheduling and wait for runs in flight. */
  stop(): Promise<void>;
}

/** Start `jobs`. */
export function startJobs(jobs: readonly JobDefinition[], logger: Logger): JobRunner {
  const abort = new AbortController();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  const byName = new Map(jobs.map((j) => [j.name, j]));

  function runOnce(job: JobDefinition): Promise<void> {
    const inFlight = running.get(job.name);
    if (inFlight) return inFlight;
    const p = job
      .run(abort.signal)
      .then(
        () => undefined,
        (err: unknown) =>
          logger.error({ err, job: job.name }, `background job "${job.name}" failed; it will run again`),
      )
      .finally(() => running.delete(job.name));
    running.set(job.name, p);
    return p;
  }

  function schedule(job: JobDefinition, delay: number): void {
    if (abort.signal.aborted) return;
    const t = setTimeout(() => {
      void runOnce(job).then(() => schedule(job, job.intervalMs));
    }, delay);
    t.unref();
    timers.set(job.name, t);
  }

  for (const job of jobs) schedule(job, Math.floor(Math.random() * (job.initialJitterMs ?? job.intervalMs)));

  return {
    async runNow(name) {
      const job = byName.get(name);
      if (!job) throw new Error(`no background job "${name}"`);
      await runOnce(job);
    },
    async stop() {
      abort.abort();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      await Promise.all(running.values());
    },
  };
}
