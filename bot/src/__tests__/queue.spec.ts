import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDb } from '../store/db.ts';
import { createQueue } from '../store/queue.ts';

const fresh = () => join(mkdtempSync(join(tmpdir(), 'queue-')), 'data');
const job = (convKey: string, n: number, keys = [`k${n}`]) => ({ convKey, event: 'message_created', payload: `{"n":${n}}`, dedupeKeys: keys });

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
    const [first] = q.settleAndClaim(undefined, 4);
    const [second, ...none] = q.settleAndClaim({ id: first!.id, status: 'done' }, 4);
    expect(JSON.parse(second!.payload).n).toBe(2);
    expect(none).toEqual([]);
    expect(q.counts()).toMatchObject({ done: 1, running: 1, queued: 0 });
  });

  it('when a conversation has a job running, then its next job waits while other conversations proceed', () => {
    const q = createQueue(openDb(fresh()));
    q.enqueue(job('c1', 1));
    q.enqueue(job('c1', 2));
    q.enqueue(job('c2', 3));
    const first = q.claim()!;
    const second = q.claim()!;
    expect(JSON.parse(first.payload).n).toBe(1);
    expect(JSON.parse(second.payload).n).toBe(3);
    expect(q.claim()).toBeUndefined();
    q.settleAndClaim({ id: first.id, status: 'done' }, 0);
    expect(JSON.parse(q.claim()!.payload).n).toBe(2);
  });

  it('when a job is rescheduled, then later jobs of that conversation still wait for it', () => {
    let t = 1000;
    const q = createQueue(openDb(fresh()), () => t);
    q.enqueue(job('c1', 1));
    q.enqueue(job('c1', 2));
    const first = q.claim()!;
    q.settleAndClaim({ id: first.id, status: 'retry', at: 5000, error: 'chatwoot down' }, 0);
    expect(q.claim()).toBeUndefined();
    t = 5000;
    expect(q.claim()!.id).toBe(first.id);
  });

  it('when the process dies with a job running, then reopening the store runs it again', () => {
    const dir = fresh();
    const q1 = createQueue(openDb(dir));
    q1.enqueue(job('c1', 1));
    expect(q1.claim()).toBeDefined();
    const q2 = createQueue(openDb(dir));
    expect(q2.recover()).toBe(1);
    expect(q2.claim()?.attempts).toBe(2);
  });
});

describe('retention', () => {
  it('when finished jobs are older than the retention, then they and their dedupe keys go, failed ones stay', () => {
    let t = 1_000;
    const q = createQueue(openDb(fresh()), () => t);
    q.enqueue(job('c1', 1, ['k-old']));
    q.enqueue(job('c2', 2, ['k-failed']));
    q.settleAndClaim({ id: q.claim()!.id, status: 'done' }, 0);
    q.settleAndClaim({ id: q.claim()!.id, status: 'failed', error: 'bad' }, 0);
    t = 1_000 + 10_000;
    q.enqueue(job('c3', 3, ['k-new']));
    q.settleAndClaim({ id: q.claim()!.id, status: 'done' }, 0);
    expect(q.prune(5_000)).toBe(1);
    expect(q.counts()).toMatchObject({ done: 1, failed: 1 });
    expect(q.enqueue(job('c1', 4, ['k-old'])).duplicate).toBe(false);
    expect(q.enqueue(job('c2', 5, ['k-failed'])).duplicate).toBe(true);
    expect(q.enqueue(job('c3', 6, ['k-new'])).duplicate).toBe(true);
  });
});
