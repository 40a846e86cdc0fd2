import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations, openDb } from '../store/db.ts';
import { createQueue, type Job } from '../store/queue.ts';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'queue-')), 'data');
const job = (convKey: string, n: number, keys = [`k${n}`]) => ({ convKey, event: 'message_created', payload: `{"n":${n}}`, dedupeKeys: keys });
type Q = ReturnType<typeof createQueue>;
/** The worker's step with nothing finished: up to `slots` ready jobs. */
const claim = (q: Q, slots = 1) => q.settleAndClaim([], slots).jobs;
const claimOne = (q: Q) => claim(q)[0];
/** What each job was enqueued with. */
const ns = (q: Q, jobs: Job[]) => jobs.map((j) => (JSON.parse(q.payload(j.id)) as { n: number }).n);

describe('durable queue', () => {
  it('when the same key arrives twice, then the second is a duplicate of the first job', () => {
    const q = createQueue(openDb(fresh()));
    const a = q.enqueue(job('c1', 1, ['delivery:x', 'message:1']));
    const b = q.enqueue(job('c1', 2, ['delivery:y', 'message:1']));
    expect(a.duplicate).toBe(false);
    expect(b).toEqual({ jobId: a.jobId, duplicate: true });
  });

  it('when the same key arrives twice in one batch, then one job is stored and the second is its duplicate', () => {
    const q = createQueue(openDb(fresh()));
    const [a, b, c] = q.enqueueMany([job('c1', 1, ['delivery:x']), job('c1', 2, ['delivery:x']), job('c2', 3, ['delivery:y'])]);
    expect(a!.duplicate).toBe(false);
    expect(b).toEqual({ jobId: a!.jobId, duplicate: true });
    expect(c!.duplicate).toBe(false);
    expect(q.counts().queued).toBe(2);
  });

  it('when a job finishes, then its outcome and the next job of its conversation are written in one step', () => {
    const q = createQueue(openDb(fresh()));
    q.enqueue(job('c1', 1));
    q.enqueue(job('c1', 2));
    const [first] = claim(q, 4);
    const next = q.settleAndClaim([{ id: first!.id, status: 'done' }], 4).jobs;
    expect(ns(q, next)).toEqual([2]);
    expect(q.counts()).toMatchObject({ done: 1, running: 1, queued: 0 });
  });

  it('when a conversation has a job running, then its next job waits while other conversations proceed', () => {
    const q = createQueue(openDb(fresh()));
    q.enqueue(job('c1', 1));
    q.enqueue(job('c1', 2));
    q.enqueue(job('c2', 3));
    const [first, second] = claim(q, 4);
    expect(ns(q, [first!, second!])).toEqual([1, 3]);
    expect(claim(q, 4)).toEqual([]);
    q.settleAndClaim([{ id: first!.id, status: 'done' }], 0);
    expect(ns(q, claim(q, 4))).toEqual([2]);
  });

  it('when a job is rescheduled, then later jobs of that conversation still wait for it', () => {
    let t = 1000;
    const q = createQueue(openDb(fresh()), () => t);
    q.enqueue(job('c1', 1));
    q.enqueue(job('c1', 2));
    const first = claimOne(q)!;
    expect(q.settleAndClaim([{ id: first.id, status: 'retry', at: 5000, error: 'chatwoot down' }], 1)).toEqual({ jobs: [], nextRunAt: 5000 });
    t = 5000;
    expect(claim(q, 4).map((j) => j.id)).toEqual([first.id]);
  });

  it('when a job fails for good, then the next job of its conversation runs', () => {
    const q = createQueue(openDb(fresh()));
    q.enqueue(job('c1', 1));
    q.enqueue(job('c1', 2));
    const [first] = claim(q);
    const next = q.settleAndClaim([{ id: first!.id, status: 'dead', error: 'too old' }], 1).jobs;
    expect(ns(q, next)).toEqual([2]);
    expect(q.counts()).toMatchObject({ dead: 1, running: 1 });
  });

  it('when many jobs wait behind a running one, then a claim takes the other conversations in arrival order', () => {
    let t = 0;
    const q = createQueue(openDb(fresh()), () => t);
    q.enqueue(job('busy', 0));
    const head = claimOne(q)!;
    q.enqueueMany(Array.from({ length: 500 }, (_, i) => job('busy', i + 1)));
    t = 1;
    q.enqueue(job('c2', 1000));
    t = 2;
    q.enqueue(job('c3', 1001));
    const { jobs, nextRunAt } = q.settleAndClaim([], 5);
    expect(ns(q, jobs)).toEqual([1000, 1001]);
    expect(nextRunAt).toBeUndefined();
    expect(ns(q, q.settleAndClaim([{ id: head.id, status: 'done' }], 5).jobs)).toEqual([1]);
  });

  it('when the process dies with a job running, then reopening the store runs it again', () => {
    const dir = fresh();
    const q1 = createQueue(openDb(dir));
    q1.enqueue(job('c1', 1));
    expect(claimOne(q1)).toBeDefined();
    const q2 = createQueue(openDb(dir));
    expect(q2.recover()).toBe(1);
    expect(claimOne(q2)?.attempts).toBe(2);
  });

  it('when a store from before lanes is opened, then its jobs keep their payloads and the unfinished ones are put in lanes', () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    const old = new Database(join(dir, 'bot.sqlite'));
    migrations.slice(0, 4).forEach((m) => old.exec(m));
    old.pragma('user_version = 4');
    const insert = old.prepare(
      `INSERT INTO jobs (conv_key, event, payload, status, next_run_at, created_at, updated_at) VALUES (?, 'message_created', ?, ?, 0, 0, 0)`,
    );
    insert.run('c1', '{"n":1}', 'done');
    insert.run('c1', '{"n":2}', 'running');
    insert.run('c1', '{"n":3}', 'queued');
    insert.run('c2', '{"n":4}', 'queued');
    old.close();
    const q = createQueue(openDb(dir));
    expect(q.recover()).toBe(1);
    const [a, b] = claim(q, 5);
    expect(ns(q, [a!, b!])).toEqual([2, 4]);
    expect(ns(q, q.settleAndClaim([{ id: a!.id, status: 'done' }], 5).jobs)).toEqual([3]);
  });
});

describe('retention', () => {
  it('when finished jobs are older than the retention, then they and their dedupe keys go, failed ones stay', () => {
    let t = 1_000;
    const q = createQueue(openDb(fresh()), () => t);
    q.enqueue(job('c1', 1, ['k-old']));
    q.enqueue(job('c2', 2, ['k-failed']));
    q.settleAndClaim([{ id: claimOne(q)!.id, status: 'done' }], 0);
    q.settleAndClaim([{ id: claimOne(q)!.id, status: 'failed', error: 'bad' }], 0);
    t = 1_000 + 10_000;
    q.enqueue(job('c3', 3, ['k-new']));
    q.settleAndClaim([{ id: claimOne(q)!.id, status: 'done' }], 0);
    expect(q.prune(5_000)).toBe(1);
    expect(q.counts()).toMatchObject({ done: 1, failed: 1 });
    expect(q.enqueue(job('c1', 4, ['k-old'])).duplicate).toBe(false);
    expect(q.enqueue(job('c2', 5, ['k-failed'])).duplicate).toBe(true);
    expect(q.enqueue(job('c3', 6, ['k-new'])).duplicate).toBe(true);
  });
});
