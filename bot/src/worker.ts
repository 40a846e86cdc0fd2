import type { Logger } from 'pino';
import type { Job, Outcome, Queue } from './store/queue.ts';

export type JobRunner = (job: Job, log: Logger) => Promise<void>;

/** Errors say whether trying again can help, and when. */
export interface RetryHint {
  retryable?: boolean;
  retryAfterMs?: number;
}

const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 5 * 60_000;

export function backoffMs(attempts: number, retryAfterMs?: number): number {
  const exp = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * Pulls jobs from the durable queue and runs them, `concurrency` at a time.
 * A job that fails with a retryable error is rescheduled with backoff until `maxAgeMs`;
 * nothing acknowledged to Chatwoot is dropped silently.
 */
export function startWorker(opts: {
  queue: Queue;
  run: JobRunner;
  log: Logger;
  concurrency: number;
  maxAgeMs: number;
  now?: () => number;
}) {
  const { queue, run, log, concurrency, maxAgeMs } = opts;
  const now = opts.now ?? Date.now;
  let active = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pumpScheduled = false;
  let finished: Outcome[] = [];
  const idle: Array<() => void> = [];

  /** What a finished job's row should say; written by `pump` with the next claims. */
  async function runOne(job: Job): Promise<Outcome> {
    const jobLog = log.child({ jobId: job.id, event: job.event, conv: job.conv_key, attempt: job.attempts });
    try {
      await run(job, jobLog);
      return { id: job.id, status: 'done' };
    } catch (err) {
      const hint = (err ?? {}) as RetryHint;
      const message = err instanceof Error ? err.message : String(err);
      const tooOld = now() - job.created_at > maxAgeMs;
      if (hint.retryable === false) {
        jobLog.error({ err }, 'job failed permanently');
        return { id: job.id, status: 'failed', error: message };
      }
      if (tooOld) {
        jobLog.error({ err }, 'job gave up after max age');
        return { id: job.id, status: 'dead', error: message };
      }
      const delay = backoffMs(job.attempts, hint.retryAfterMs);
      jobLog.warn({ err: message, retryInMs: Math.round(delay) }, 'job failed, will retry');
      return { id: job.id, status: 'retry', at: now() + delay, error: message };
    }
  }

  /**
   * One transaction per pump: the outcomes of the jobs that finished since the last pump, then
   * new claims. Jobs that finish in the same turn of the event loop share that commit, as
   * webhooks that arrive together share theirs (store/group-commit.ts).
   */
  function pump() {
    pumpScheduled = false;
    const outcomes = finished;
    finished = [];
    active -= outcomes.length;
    const slots = stopped ? 0 : concurrency - active;
    if (outcomes.length > 0 || slots > 0) {
      const { jobs, nextRunAt } = queue.settleAndClaim(outcomes, slots);
      active += jobs.length;
      for (const job of jobs) {
        void runOne(job).then((outcome) => {
          finished.push(outcome);
          kick();
        });
      }
      wakeAt(nextRunAt);
    }
    if (active === 0) idle.splice(0).forEach((resolve) => resolve());
  }

  /** A retry that comes due needs no webhook or finished job to start it. */
  function wakeAt(next: number | undefined) {
    clearTimeout(timer);
    if (next === undefined || stopped) return;
    timer = setTimeout(kick, Math.max(5, next - now()));
    timer.unref();
  }

  /** One pump per turn of the event loop, however many webhooks arrived or jobs finished in it. */
  function kick() {
    if (pumpScheduled) return;
    pumpScheduled = true;
    setImmediate(pump);
  }

  queue.recover();
  kick();

  return {
    /** Call after enqueueing so the job starts without waiting for the timer. */
    kick,
    /** Resolves when no job is running (used for graceful shutdown). */
    drain: () => (active === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve))),
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    get active() {
      return active;
    },
  };
}
export type Worker = ReturnType<typeof startWorker>;
