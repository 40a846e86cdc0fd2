import type { Db } from './db.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'dead';
export interface Job {
  id: number;
  conv_key: string;
  event: string;
  payload: string;
  delivery_id: string | null;
  status: JobStatus;
  attempts: number;
  next_run_at: number;
  created_at: number;
}

export interface EnqueueInput {
  convKey: string;
  event: string;
  payload: string;
  deliveryId?: string;
  /** Any key already seen marks the delivery a duplicate. */
  dedupeKeys: string[];
}
export interface EnqueueResult {
  jobId: number;
  duplicate: boolean;
}

/**
 * How a claimed job ended, written back by `settleAndClaim`. Failed and dead jobs are kept for
 * inspection and `requeueFailed`, never retried by themselves.
 */
export type Outcome =
  | { id: number; status: 'done' }
  | { id: number; status: 'failed' | 'dead'; error: string }
  | { id: number; status: 'retry'; at: number; error: string };

/**
 * Durable job queue in SQLite. Jobs of one conversation run in arrival order, one at a time;
 * different conversations run in parallel.
 */
export function createQueue(db: Db, now: () => number = Date.now) {
  // BEGIN IMMEDIATE takes the write lock up front: while another connection holds it (the
  // checkpointer's RESTART, store/checkpointer.ts) we wait on busy_timeout, whereas a deferred
  // transaction that read first would fail at once with SQLITE_BUSY.
  const writeTx = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const tx = db.transaction(fn);
    return (...args: A): R => tx.immediate(...args);
  };
  const seen = db.prepare<[string], { job_id: number }>('SELECT job_id FROM dedupe WHERE key = ?');
  const insertJob = db.prepare(
    `INSERT INTO jobs (conv_key, event, payload, delivery_id, next_run_at, created_at, updated_at)
     VALUES (@convKey, @event, @payload, @deliveryId, @now, @now, @now)`,
  );
  const insertKey = db.prepare('INSERT INTO dedupe (key, job_id, created_at) VALUES (?, ?, ?)');
  const claimStmt = db.prepare<[{ now: number }], Job>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = @now
     WHERE id = (
       SELECT j.id FROM jobs j INDEXED BY jobs_queued_order
       WHERE j.status = 'queued' AND j.next_run_at <= @now
         AND NOT EXISTS (SELECT 1 FROM jobs k WHERE k.conv_key = j.conv_key AND k.id < j.id
                         AND k.status IN ('queued', 'running'))
       ORDER BY j.id LIMIT 1)
     RETURNING *`,
  );
  const finish = db.prepare(`UPDATE jobs SET status = ?, updated_at = ?, last_error = ? WHERE id = ?`);
  const reschedule = db.prepare(
    `UPDATE jobs SET status = 'queued', next_run_at = ?, updated_at = ?, last_error = ? WHERE id = ?`,
  );
  // Asked after every job (worker.ts schedule) and by every health check: prepared once.
  const nextRun = db.prepare<[], { t: number | null }>(`SELECT MIN(next_run_at) AS t FROM jobs WHERE status = 'queued'`);
  const byStatus = db.prepare<[], { status: JobStatus; n: number }>('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status');

  const enqueueOne = (input: EnqueueInput): EnqueueResult => {
    for (const key of input.dedupeKeys) {
      const hit = seen.get(key);
      if (hit) return { jobId: hit.job_id, duplicate: true };
    }
    const t = now();
    const { lastInsertRowid } = insertJob.run({ ...input, deliveryId: input.deliveryId ?? null, now: t });
    const jobId = Number(lastInsertRowid);
    for (const key of input.dedupeKeys) insertKey.run(key, jobId, t);
    return { jobId, duplicate: false };
  };
  const claimOne = (): Job | undefined => claimStmt.get({ now: now() });
  const settle = (o: Outcome) => {
    if (o.status === 'done') finish.run('done', now(), null, o.id);
    else if (o.status === 'retry') reschedule.run(o.at, now(), o.error.slice(0, 2000), o.id);
    else finish.run(o.status, now(), o.error.slice(0, 2000), o.id);
  };

  return {
    enqueue: writeTx(enqueueOne),
    /**
     * One transaction for many deliveries: each commit rewrites whole pages of the WAL (and
     * brings the next checkpoint nearer), so a batch costs little more than one. Keys inserted
     * earlier in the batch count, so a repeat within it is a duplicate too.
     */
    enqueueMany: writeTx((inputs: EnqueueInput[]): EnqueueResult[] => inputs.map(enqueueOne)),
    claim: claimOne,
    /** The worker's one commit per pump: the job that finished, if any, then up to `slots` new claims. */
    settleAndClaim: writeTx((finished: Outcome | undefined, slots: number): Job[] => {
      if (finished) settle(finished);
      const jobs: Job[] = [];
      for (let job; jobs.length < slots && (job = claimOne()); ) jobs.push(job);
      return jobs;
    }),
    /** After a crash, jobs left running were never finished: run them again. */
    recover: (): number => db.prepare(`UPDATE jobs SET status = 'queued' WHERE status = 'running'`).run().changes,
    /**
     * Forgets finished jobs and their dedupe keys once Chatwoot can no longer retry them
     * (it retries within seconds); failed and dead jobs stay for inspection.
     */
    prune: (olderThanMs: number): number =>
      writeTx(() => {
        const before = now() - olderThanMs;
        db.prepare(`DELETE FROM dedupe WHERE created_at < ? AND job_id IN (SELECT id FROM jobs WHERE status = 'done')`).run(before);
        return db.prepare(`DELETE FROM jobs WHERE status = 'done' AND updated_at < ?`).run(before).changes;
      })(),
    requeueFailed: (): number =>
      db.prepare(`UPDATE jobs SET status = 'queued', next_run_at = ? WHERE status IN ('failed', 'dead')`).run(now())
        .changes,
    nextRunAt: (): number | undefined => nextRun.get()!.t ?? undefined,
    counts: (): Record<JobStatus, number> => {
      const out = { queued: 0, running: 0, done: 0, failed: 0, dead: 0 };
      for (const r of byStatus.all()) out[r.status] = r.n;
      return out;
    },
  };
}
export type Queue = ReturnType<typeof createQueue>;
