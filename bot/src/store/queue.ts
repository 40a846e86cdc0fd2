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

/**
 * Durable job queue in SQLite. Jobs of one conversation run in arrival order, one at a time;
 * different conversations run in parallel.
 */
export function createQueue(db: Db, now: () => number = Date.now) {
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

  const enqueue = db.transaction((input: EnqueueInput): { jobId: number; duplicate: boolean } => {
    for (const key of input.dedupeKeys) {
      const hit = seen.get(key);
      if (hit) return { jobId: hit.job_id, duplicate: true };
    }
    const t = now();
    const { lastInsertRowid } = insertJob.run({ ...input, deliveryId: input.deliveryId ?? null, now: t });
    const jobId = Number(lastInsertRowid);
    for (const key of input.dedupeKeys) insertKey.run(key, jobId, t);
    return { jobId, duplicate: false };
  });

  return {
    enqueue,
    claim: (): Job | undefined => claimStmt.get({ now: now() }),
    complete: (id: number) => void finish.run('done', now(), null, id),
    /** A permanent failure: kept for inspection and `requeue`, never retried by itself. */
    fail: (id: number, error: string, status: 'failed' | 'dead' = 'failed') =>
      void finish.run(status, now(), error.slice(0, 2000), id),
    retryAt: (id: number, at: number, error: string) => void reschedule.run(at, now(), error.slice(0, 2000), id),
    /** After a crash, jobs left running were never finished: run them again. */
    recover: (): number => db.prepare(`UPDATE jobs SET status = 'queued' WHERE status = 'running'`).run().changes,
    /**
     * Forgets finished jobs and their dedupe keys once Chatwoot can no longer retry them
     * (it retries within seconds); failed and dead jobs stay for inspection.
     */
    prune: (olderThanMs: number): number =>
      db.transaction(() => {
        const before = now() - olderThanMs;
        db.prepare(`DELETE FROM dedupe WHERE created_at < ? AND job_id IN (SELECT id FROM jobs WHERE status = 'done')`).run(before);
        return db.prepare(`DELETE FROM jobs WHERE status = 'done' AND updated_at < ?`).run(before).changes;
      })(),
    requeueFailed: (): number =>
      db.prepare(`UPDATE jobs SET status = 'queued', next_run_at = ? WHERE status IN ('failed', 'dead')`).run(now())
        .changes,
    nextRunAt: (): number | undefined =>
      (db.prepare(`SELECT MIN(next_run_at) AS t FROM jobs WHERE status = 'queued'`).get() as { t: number | null }).t ??
      undefined,
    counts: (): Record<JobStatus, number> => {
      const rows = db.prepare('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status').all() as {
        status: JobStatus;
        n: number;
      }[];
      const out = { queued: 0, running: 0, done: 0, failed: 0, dead: 0 };
      for (const r of rows) out[r.status] = r.n;
      return out;
    },
  };
}
export type Queue = ReturnType<typeof createQueue>;
