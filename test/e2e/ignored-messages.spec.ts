import { describe, it } from 'vitest';
import { loadWebhookFixture } from '../src/fixtures.ts';
import { botSettled, jobCounts, PASSWORD_QUESTION, publicReplies, startWorld, vaultTasks } from './harness.ts';

/** Forces the conversation to `pending` so only the message itself can keep the bot quiet. */
function pendingFixture(name: string) {
  const payload = loadWebhookFixture(name);
  payload.conversation.status = 'pending';
  return payload;
}

describe.concurrent('messages the bot must not answer', () => {
  it('when its own reply, an agent reply, a private note and a greeting template arrive on a pending conversation, then the bot makes no call; an incoming message still gets its answer', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    sim.openConversation({ accountId: 1, displayId: 27 });
    const ignored = [
      'message_created.outgoing',
      'message_created.outgoing_human_agent',
      'message_created.private_note',
      'message_created.template_greeting',
    ];
    for (const name of ignored) {
      const res = await sim.deliver(pendingFixture(name));
      expect(res.status, name).toBe(200);
      expect(JSON.parse(res.body), name).toMatchObject({ status: 'queued' });
    }
    await botSettled(world);
    expect(await jobCounts(world.bot.url)).toMatchObject({ done: ignored.length, failed: 0, dead: 0 });
    expect(sim.calls).toEqual([]);

    // Control: the same pipeline answers the customer's own message.
    const incoming = loadWebhookFixture('message_created.incoming');
    incoming.content = PASSWORD_QUESTION;
    expect((await sim.deliver(incoming)).status).toBe(200);
    await sim.waitFor(() => publicReplies(sim, 1, 27).length === 1, 10_000);
    await botSettled(world);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
    expect(sim.invalidCalls()).toEqual([]);
  });

  it('when an agent opens the conversation while the bot is still working on the question, then the bot stays quiet', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    // Hold the bot's re-read of the conversation long enough for the agent to act first.
    sim.faults.delayNext(1, 1500, { method: 'GET', path: '/conversations/27' });
    const { delivery } = await sim.customerSays(1, 27, PASSWORD_QUESTION);
    expect(delivery?.status).toBe(200);
    await sim.agentOpens(1, 27);

    await sim.waitFor(() => sim.callsTo('/conversations/27', 'GET').length === 1, 10_000);
    await botSettled(world);
    expect(sim.conversation(1, 27).status).toBe('open');
    expect(publicReplies(sim, 1, 27)).toEqual([]);
    expect(sim.calls.filter((c) => c.method !== 'GET')).toEqual([]);
  });

  it('when a human already owns the conversation and the customer writes, then the bot neither answers nor escalates', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    sim.openConversation({ accountId: 1, displayId: 28, status: 'open' });
    await sim.customerSays(1, 28, 'I want a refund, I was charged twice');
    await sim.customerSays(1, 28, PASSWORD_QUESTION);
    await botSettled(world);
    expect(await jobCounts(world.bot.url)).toMatchObject({ done: 2 });
    expect(sim.calls).toEqual([]);
    expect(vaultTasks(world.vaultDir)).toEqual([]);
  });
});
