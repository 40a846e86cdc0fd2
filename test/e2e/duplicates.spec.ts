import { randomUUID } from 'node:crypto';
import { describe, it } from 'vitest';
import { loadWebhookFixture } from '../src/fixtures.ts';
import {
  botSettled,
  botWrites,
  escalationSteps,
  jobCounts,
  ONCE_EACH,
  PASSWORD_QUESTION,
  privateNotes,
  publicReplies,
  REFUND_REQUEST,
  startWorld,
  vaultTasks,
} from './harness.ts';

/** The webhook body Chatwoot sent for a customer message, rebuilt from the fixture. */
function incomingPayload(messageId: number, content: string, unread = 1) {
  const payload = loadWebhookFixture('message_created.incoming');
  payload.id = messageId;
  payload.content = content;
  payload.conversation.unread_count = unread;
  return payload;
}

describe.concurrent('duplicate deliveries', () => {
  it('when Chatwoot re-sends a delivery (same X-Chatwoot-Delivery, fresh signature), then it is acknowledged as a duplicate and answered once', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    sim.openConversation({ accountId: 1, displayId: 27 });
    const deliveryId = randomUUID();
    const payload = incomingPayload(9001, PASSWORD_QUESTION);

    const first = await sim.deliver(payload, { deliveryId });
    const again = await sim.deliver(payload, { deliveryId, timestamp: Math.floor(Date.now() / 1000) + 1 });
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ status: 'queued' });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toEqual({ status: 'duplicate', job: JSON.parse(first.body).job });

    await sim.waitFor(() => publicReplies(sim, 1, 27).length > 0, 10_000);
    await botSettled(world);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
    expect(botWrites(sim)).toHaveLength(1);
  });

  it('when the same message arrives again under a new delivery id, then it is processed once and one task exists', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    sim.openConversation({ accountId: 1, displayId: 27 });

    const first = await sim.deliver(incomingPayload(9001, REFUND_REQUEST));
    // A different body too (Chatwoot re-rendered the conversation), so only the message id can match.
    const again = await sim.deliver(incomingPayload(9001, REFUND_REQUEST, 2));
    expect(JSON.parse(first.body)).toMatchObject({ status: 'queued' });
    expect(JSON.parse(again.body)).toMatchObject({ status: 'duplicate' });

    await sim.waitFor(() => sim.conversation(1, 27).status === 'open', 10_000);
    await botSettled(world);
    expect(vaultTasks(world.vaultDir)).toHaveLength(1);
    expect(escalationSteps(sim, 1, 27)).toEqual(ONCE_EACH);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
    expect(privateNotes(sim, 1, 27)).toHaveLength(1);
    expect((await jobCounts(world.bot.url)).failed).toBe(0);
  });

  it('when the customer sends two escalating messages before the bot acts, then the conversation still gets one task, one handoff and one note', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    // Hold the bot's first Chatwoot call so both messages are delivered while still pending.
    sim.faults.delayNext(1, 1000, { method: 'GET' });
    await sim.customerSays(1, 27, REFUND_REQUEST);
    await sim.customerSays(1, 27, 'And cancel my subscription too, this is unacceptable');
    expect(sim.deliveries.filter((d) => d.event === 'message_created').map((d) => d.status)).toEqual([200, 200]);

    await sim.waitFor(() => sim.conversation(1, 27).status === 'open', 10_000);
    await botSettled(world);
    const tasks = vaultTasks(world.vaultDir);
    expect(tasks.map((t) => t.data.uid)).toEqual(['va-task-acme-001']);
    expect(escalationSteps(sim, 1, 27)).toEqual(ONCE_EACH);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
    expect(privateNotes(sim, 1, 27)).toHaveLength(1);
    expect(sim.conversation(1, 27).custom_attributes).toEqual({ sbf_task_uid: 'va-task-acme-001' });
    expect(sim.invalidCalls()).toEqual([]);
  });
});
