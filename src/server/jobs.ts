/**
 * The background-job runner: key-ring refresh, signing-key rotation, expired-grant cleanup. Each
 * job runs on its own timer with a randomised first start (so instances started together do not
 * sweep in lock-step), never overlaps itself, logs a failing run and keeps going, and `stop()`
 * waits for runs in flight. A run borrows what it needs (pooled connections) and holds nothing
 * between runs, like Duende 7.2's `await using CreateAsyncScope()` per cleanup pass. Timers are
 * `unref`ed: jobs never keep a process alive.
 */
import type { Logger } from 'pino';

/** The longest delay `setTimeout` honours (about 24.8 days); longer ones would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** The delay after a run when `intervalMs` itself throws. */
const FALLBACK_INTERVAL_MS = 60_000;

/** A periodic job. */
export interface JobDefinition {
  readonly name: string;
  /**
   * Milliseconds between the end of one run and the start of the next. A function is asked again
   * after every run, so a job can pace itself (the `keys` job follows `nextRefreshDelay()`).
   */
  readonly intervalMs: number | (() => number);
  /** Upper bound of the random delay before the first run; default the first interval. */
  readonly initialJitterMs?: number;
  /** One run. `signal` aborts when the runner stops; long runs should check it between batches. */
  run(signal: AbortSignal): Promise<unknown>;
}

/** Runs jobs until stopped. */
export interface JobRunner {
  /**
   * Run one job now (tests, operators); resolves when the run ends. If the job is already running,
   * waits for that run instead of starting another. A failing run is logged, not rejected.
   *
   * @throws {Error} for an unknown job name, or once `stop()` has been called.
   */
  runNow(name: string): Promise<void>;
  /** Stop scheduling, abort the signal of runs in flight, and wait for them to end. Idempotent. */
  stop(): Promise<void>;
}

/** What {@link startJobs} can be told besides the jobs. */
export interface JobRunnerOptions {
  /** A source of numbers in [0, 1) for the first-start jitter. Default `Math.random`. */
  random?: () => number;
}

function intervalOf(job: JobDefinition, logger: Logger): number {
  try {
    const ms = typeof job.intervalMs === 'function' ? job.intervalMs() : job.intervalMs;
    if (Number.isFinite(ms) && ms >= 0) return Math.min(ms, MAX_TIMER_MS);
    logger.error({ job: job.name, intervalMs: ms }, `background job "${job.name}" asked for an invalid interval`);
  } catch (err) {
    logger.error({ err, job: job.name }, `background job "${job.name}" could not compute its next interval`);
  }
  return FALLBACK_INTERVAL_MS;
}

/**
 * The delay before a job's first run: uniformly random in `[0, bound)`, where `bound` is
 * `initialJitterMs`, else the job's first interval (Duende `FuzzTokenCleanupStart`).
 */
export function initialDelay(job: JobDefinition, firstInterval: number, random: () => number = Math.random): number {
  const bound = Math.min(job.initialJitterMs ?? firstInterval, firstInterval, MAX_TIMER_MS);
  return Math.floor(Math.max(0, Math.min(random(), 1 - Number.EPSILON)) * bound);
}

/**
 * Start `jobs`. Each job's first run happens after {@link initialDelay}; each later run
 * `intervalMs` after the previous one ended.
 *
 * @example
 * ```ts
 * const jobs = startJobs([{ name: 'cleanup', intervalMs: 3_600_000, run: (signal) => sweep(signal) }], logger);
 * process.on('SIGTERM', () => void jobs.stop());
 * ```
 */
export function startJobs(jobs: readonly JobDefinition[], logger: Logger, options: JobRunnerOptions = {}): JobRunner {
  const abort = new AbortController();
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();
  const byName = new Map(jobs.map((j) => [j.name, j]));

  function runOnce(job: JobDefinition): Promise<void> {
    const inFlight = running.get(job.name);
    if (inFlight) return inFlight;
    const p = Promise.resolve()
      .then(() => job.run(abort.signal))
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
      timers.delete(job.name);
      void runOnce(job).then(() => schedule(job, intervalOf(job, logger)));
    }, delay);
    t.unref();
    timers.set(job.name, t);
  }

  for (const job of jobs) schedule(job, initialDelay(job, intervalOf(job, logger), options.random));

  return {
    async runNow(name) {
      const job = byName.get(name);
      if (!job) throw new Error(`no background job "${name}"`);
      if (abort.signal.aborted) throw new Error(`background job "${name}" cannot run: the jobs are stopped`);
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
