import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDb } from '../store/db.ts';
import { groupCommit } from '../store/group-commit.ts';
import { createQueue } from '../store/queue.ts';
import { intake } from '../webhook/intake.ts';

const body = Buffer.from(
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/chatwoot-contract/webhooks/message_created.incoming.json')),
);

describe('group commit', () => {
  it('when calls arrive in the same turn, then they run as one batch and each gets its own result', async () => {
    const batches: number[][] = [];
    const double = groupCommit((xs: number[]) => (batches.push(xs), xs.map((x) => x * 2)));
    expect(await Promise.all([double(1), double(2), double(3)])).toEqual([2, 4, 6]);
    expect(await double(4)).toBe(8);
    expect(batches).toEqual([[1, 2, 3], [4]]);
  });

  it('when the batch fails, then every caller gets the error', async () => {
    const failing = groupCommit((_xs: number[]): number[] => {
      throw new Error('disk full');
    });
    const results = await Promise.allSettled([failing(1), failing(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('when Chatwoot sends the same delivery twice in one turn, then one job is queued and the other is its duplicate', async () => {
    const queue = createQueue(openDb(join(mkdtempSync(join(tmpdir(), 'group-')), 'data')));
    const enqueue = groupCommit(queue.enqueueMany);
    const [first, again] = await Promise.all([intake(enqueue, body, 'delivery-1'), intake(enqueue, body, 'delivery-1')]);
    expect(first).toMatchObject({ status: 'queued' });
    expect(again).toEqual({ status: 'duplicate', job: (first as { job: number }).job });
    expect(queue.counts().queued).toBe(1);
  });
});
