import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDb } from '../store/db.ts';
import { groupCommit } from '../store/group-commit.ts';
import { createQueue } from '../store/queue.ts';
import { intake, parseStoredEvent } from '../webhook/intake.ts';

const fixture = (name: string) =>
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), `../../../../shared/chatwoot-contract/webhooks/${name}.json`), 'utf8');
/** Compact, as Chatwoot sends it; `edit` changes the body without changing the event. */
const bytes = (name: string, edit: (p: any) => void = () => {}) => {
  const payload = JSON.parse(fixture(name));
  edit(payload);
  return Buffer.from(JSON.stringify(payload));
};
const freshQueue = () => {
  const queue = createQueue(openDb(join(mkdtempSync(join(tmpdir(), 'intake-')), 'data')));
  return { ...queue, enqueue: groupCommit(queue.enqueueMany) };
};

describe('webhook intake', () => {
  it('when a delivery is retried under its delivery id with a re-rendered body, then the retry is a duplicate', async () => {
    const queue = freshQueue();
    const first = await intake(queue.enqueue, bytes('conversation_resolved'), 'delivery-1');
    const retry = await intake(queue.enqueue, bytes('conversation_resolved', (p) => (p.unread_count = 5)), 'delivery-1');
    expect(first).toMatchObject({ status: 'queued' });
    expect(retry).toEqual({ status: 'duplicate', job: (first as { job: number }).job });
  });

  it('when an install without delivery ids (before 4.12) retries, then the same bytes are a duplicate and other bytes are not', async () => {
    const queue = freshQueue();
    const first = await intake(queue.enqueue, bytes('conversation_resolved'), undefined);
    const retry = await intake(queue.enqueue, bytes('conversation_resolved'), undefined);
    const other = await intake(queue.enqueue, bytes('conversation_resolved', (p) => (p.unread_count = 5)), undefined);
    expect(retry).toEqual({ status: 'duplicate', job: (first as { job: number }).job });
    expect(other).toMatchObject({ status: 'queued' });
    expect(queue.counts().queued).toBe(2);
  });

  it('when a delivery is queued, then the job stores the bytes Chatwoot sent and parses to the event intake validated', async () => {
    const queue = freshQueue();
    const body = bytes('message_created.incoming');
    const result = await intake(queue.enqueue, body, 'delivery-1');
    if (result.status !== 'queued') throw new Error(`expected queued, got ${result.status}`);
    const [job] = queue.settleAndClaim([], 1).jobs;
    expect(queue.payload(job!.id)).toBe(body.toString('utf8'));
    expect(parseStoredEvent(queue.payload(job!.id))).toEqual(result.event);
    expect(result.event).toMatchObject({ event: 'message_created', content_type: 'text', conversation: { labels: [] } });
  });

  it('when a stored body no longer parses, then the job is told not to retry', () => {
    expect(() => parseStoredEvent('{"event":')).toThrow(expect.objectContaining({ retryable: false }));
    expect(() => parseStoredEvent(JSON.stringify({ event: 'conversation_resolved', id: 'x' }))).toThrow(
      expect.objectContaining({ retryable: false, message: expect.stringMatching(/no longer fits the schema: id/) }),
    );
  });

  it('when an event the bot does not handle arrives, then it is acknowledged and not stored', async () => {
    const queue = freshQueue();
    const result = await intake(queue.enqueue, bytes('conversation_resolved', (p) => (p.event = 'contact_updated')), 'd');
    expect(result).toMatchObject({ status: 'ignored' });
    expect(queue.counts().queued).toBe(0);
  });

  it('when the body is not JSON or breaks the schema, then it is refused with 400 and a reason', async () => {
    const queue = freshQueue();
    await expect(intake(queue.enqueue, Buffer.from('{"event":'), 'd')).rejects.toMatchObject({ status: 400, message: 'body is not valid JSON' });
    await expect(intake(queue.enqueue, bytes('conversation_resolved', (p) => (p.id = 'x')), 'd')).rejects.toMatchObject({
      status: 400,
      message: 'invalid conversation_resolved payload',
    });
  });
});
