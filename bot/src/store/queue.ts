import { rebuildLanes, type Db } from './db.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'dead';
/** A claimed job; its body is read with `queue.payload(id)` when the worker has no parsed copy. */
export interface Job {
  id: number;
  conv_key: string;
  event: string;
  delivery_id: string | null;
  status: JobStatus;
  attempts: number;
  next_run_at: number;
  created_at: number;
}

export interface Claimed {
  jobs: Job[];
  /** When a queued job becomes due, if none is now and no slot is left waiting for one. */
  nextRunAt: number | undefined;
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
 * inspection, never retried.
 */
export type Outcome =
  | { id: number; status: 'done' }
  | { id: number; status: 'failed' | 'dead'; error: string }
  | { id: number; status: 'retry'; at: number; error: string };

/**
 * Durable job queue in SQLite. Jobs of one conversation run in arrival order, one at a time;
 * different conversations run in parallel. Each conversation with unfinished jobs has a lane whose
 * head is the job to run next, so a claim costs the same whatever the backlog behind the heads.
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
    `INSERT INTO jobs (conv_key, event, delivery_id, next_run_at, created_at, updated_at)
     VALUES (@convKey, @event, @deliveryId, @now, @now, @now)`,
  );
  const insertPayload = db.prepare('INSERT INTO payloads (job_id, payload) VALUES (?, ?)');
  const payloadOf = db.prepare<[number], { payload: string }>('SELECT payload FROM payloads WHERE job_id = ?');
  const insertKey = db.prepare('INSERT INTO dedupe (key, job_id, created_at) VALUES (?, ?, ?)');
  const openLane = db.prepare(
    'INSERT INTO lanes (conv_key, head_id, next_run_at) VALUES (?, ?, ?) ON CONFLICT (conv_key) DO NOTHING',
  );
  // The idle lane due first, ready or not: one index read says what to claim or when to look again.
  const idleLane = db.prepare<[], { conv_key: string; head_id: number; next_run_at: number }>(
    `SELECT conv_key, head_id, next_run_at FROM lanes WHERE running = 0 ORDER BY next_run_at, head_id LIMIT 1`,
  );
  const runLane = db.prepare('UPDATE lanes SET running = 1 WHERE conv_key = ?');
  const start = db.prepare<[number, number], Job>(
    `UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = ? WHERE id = ? RETURNING *`,
  );
  const finish = db.prepare<[string, number, string | null, number], { conv_key: string }>(
    `UPDATE jobs SET status = ?, updated_at = ?, last_error = ? WHERE id = ? RETURNING conv_key`,
  );
  const reschedule = db.prepare<[number, number, string, number], { conv_key: string }>(
    `UPDATE jobs SET status = 'queued', next_run_at = ?, updated_at = ?, last_error = ? WHERE id = ? RETURNING conv_key`,
  );
  const waitLane = db.prepare('UPDATE lanes SET running = 0, next_run_at = ? WHERE conv_key = ?');
  // jobs_conv is (conv_key) and so, through the rowid, in id order within a conversation; every
  // job after a lane's head is still queued.
  const nextInLane = db.prepare<[string, number], { id: number; next_run_at: number }>(
    `SELECT id, next_run_at FROM jobs WHERE conv_key = ? AND id > ? AND status = 'queued' ORDER BY id LIMIT 1`,
  );
  const advanceLane = db.prepare('UPDATE lanes SET head_id = ?, next_run_at = ?, running = 0 WHERE conv_key = ?');
  const closeLane = db.prepare('DELETE FROM lanes WHERE conv_key = ?');
  const byStatus = db.prepare<[], { status: JobStatus; n: number }>('SELECT status, COUNT(*) AS n FROM jobs GROUP BY status');

  const enqueueOne = (input: EnqueueInput): EnqueueResult => {
    for (const key of input.dedupeKeys) {
      const hit = seen.get(key);
      if (hit) return { jobId: hit.job_id, duplicate: true };
    }
    const t = now();
    const { lastInsertRowid } = insertJob.run({ convKey: input.convKey, event: input.event, deliveryId: input.deliveryId ?? null, now: t });
    const jobId = Number(lastInsertRowid);
    insertPayload.run(jobId, input.payload);
    for (const key of input.dedupeKeys) insertKey.run(key, jobId, t);
    openLane.run(input.convKey, jobId, t);
    return { jobId, duplicate: false };
  };
  /** Runs the lane's head; the lane is busy until that job is settled. */
  const claimLane = (lane: { conv_key: string; head_id: number }, t: number): Job => {
    runLane.run(lane.conv_key);
    return start.get(t, lane.head_id)!;
  };
  /** Up to `slots` ready heads, the longest waiting first, and when to look again if none is left. */
  const claimUpTo = (slots: number): Claimed => {
    const t = now();
    const jobs: Job[] = [];
    for (;;) {
      const lane = idleLane.get();
      if (!lane || lane.next_run_at > t) return { jobs, nextRunAt: lane?.next_run_at };
      // Slots are full: a running job's end makes the next pump.
      if (jobs.length === slots) return { jobs, nextRunAt: undefined };
      jobs.push(claimLane(lane, t));
    }
  };
  const settle = (o: Outcome) => {
    if (o.status === 'retry') {
      const { conv_key } = reschedule.get(o.at, now(), o.error.slice(0, 2000), o.id)!;
      waitLane.run(o.at, conv_key);
      return;
    }
    const { conv_key } = finish.get(o.status, now(), o.status === 'done' ? null : o.error.slice(0, 2000), o.id)!;
    const next = nextInLane.get(conv_key, o.id);
    if (next) advanceLane.run(next.id, next.next_run_at, conv_key);
    else closeLane.run(conv_key);
  };

  return {
    enqueue: writeTx(enqueueOne),
    /**
     * One transaction for many deliveries: each commit rewrites whole pages of the WAL (and
     * brings the next checkpoint nearer), so a batch costs little more than one. Keys inserted
     * earlier in the batch count, so a repeat within it is a duplicate too.
     */
    enqueueMany: writeTx((inputs: EnqueueInput[]): EnqueueResult[] => inputs.map(enqueueOne)),
    /** The worker's one commit per pump: the jobs that finished since the last one, then up to `slots` new claims. */
    settleAndClaim: writeTx((finished: readonly Outcome[], slots: number): Claimed => {
      finished.forEach(settle);
      return claimUpTo(slots);
    }),
    /** A job's body as stored at intake. */
    payload: (id: number): string => payloadOf.get(id)!.payload,
    /** After a crash, jobs left running were never finished: run them again. */
    recover: writeTx((): number => {
      const { changes } = db.prepare(`UPDATE jobs SET status = 'queued' WHERE status = 'running'`).run();
      db.exec(rebuildLanes);
      return changes;
    }),
    /**
     * Forgets finished jobs and their dedupe keys once Chatwoot can no longer retry them
     * (it retries within seconds); failed and dead jobs stay for inspection.
     */
    prune: (olderThanMs: number): number =>
      writeTx(() => {
        const before = now() - olderThanMs;
        db.prepare(`DELETE FROM dedupe WHERE created_at < ? AND job_id IN (SELECT id FROM jobs WHERE status = 'done')`).run(before);
        db.prepare(`DELETE FROM payloads WHERE job_id IN (SELECT id FROM jobs WHERE status = 'done' AND updated_at < ?)`).run(before);
        return db.prepare(`DELETE FROM jobs WHERE status = 'done' AND updated_at < ?`).run(before).changes;
      })(),
    counts: (): Record<JobStatus, number> => {
      const out = { queued: 0, running: 0, done: 0, failed: 0, dead: 0 };
      for (const r of byStatus.all()) out[r.status] = r.n;
      return out;
    },
  };
}
export type Queue = ReturnType<typeof createQueue>;
