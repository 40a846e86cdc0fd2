import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'vitest';
import {
  botSettled,
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

/** A crash after the 200 loses nothing: the queue and the escalation steps live in DATA_DIR. */
describe.concurrent('restart mid-queue', () => {
  it('when the bot is killed while Chatwoot is slow to answer, then after a restart the customer gets exactly one reply', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    // The bot's first Chatwoot call hangs; it is killed while that job is running.
    sim.faults.delayNext(1, 2500, { method: 'GET', path: '/conversations/27' });
    const { delivery } = await sim.customerSays(1, 27, PASSWORD_QUESTION);
    expect(delivery?.status).toBe(200);
    await sim.waitFor(async () => (await jobCounts(world.bot.url)).running === 1);
    await world.bot.kill();
    expect(publicReplies(sim, 1, 27)).toEqual([]);

    await world.restartBot();
    await sim.waitFor(() => publicReplies(sim, 1, 27).length > 0, 10_000);
    await botSettled(world);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
    expect(sim.callsTo('/messages', 'POST')).toHaveLength(1);
    expect(await jobCounts(world.bot.url)).toMatchObject({ queued: 0, running: 0, failed: 0, dead: 0 });
  });

  it('when the bot is killed while Chatwoot is down, then after a restart with Chatwoot back the job finishes once', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    sim.faults.down('http503');
    await sim.customerSays(1, 27, PASSWORD_QUESTION);
    await sim.waitFor(() => sim.calls.some((c) => c.fault === 'down:http503'), 10_000);
    await world.bot.kill();

    sim.faults.up();
    await world.restartBot();
    await sim.waitFor(() => publicReplies(sim, 1, 27).length > 0, 10_000);
    await botSettled(world);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
    expect(sim.callsTo('/messages', 'POST').filter((c) => !c.fault)).toHaveLength(1);
  });

  it('when the bot is killed halfway through an escalation, then the restarted bot finishes it without repeating any step', async ({ expect, onTestFinished }) => {
    // No echoes of the bot's own calls: one failing while the bot is down would make Chatwoot
    // open the conversation (fail-open), and this test is about resuming the steps.
    const world = await startWorld(onTestFinished, { sim: { echo: false } });
    const { sim } = world;
    sim.openConversation({ accountId: 1, displayId: 27, customAttributes: { plan: 'pro' } });
    // Task, assignment, handoff message and note go through; storing the link keeps failing.
    sim.faults.failNext(1000, { status: 500, method: 'POST', path: '/custom_attributes' });
    await sim.customerSays(1, 27, REFUND_REQUEST);
    await sim.waitFor(() => sim.callsTo('/custom_attributes').length > 0, 10_000);
    await world.bot.kill();
    expect(vaultTasks(world.vaultDir)).toHaveLength(1);
    expect(privateNotes(sim, 1, 27)).toHaveLength(1);
    expect(sim.conversation(1, 27).status).toBe('pending');

    sim.faults.clear();
    await world.restartBot();
    await sim.waitFor(() => sim.conversation(1, 27).status === 'open', 10_000);
    await botSettled(world);

    expect(vaultTasks(world.vaultDir).map((t) => t.data.uid)).toEqual(['va-task-acme-001']);
    expect(escalationSteps(sim, 1, 27)).toEqual(ONCE_EACH);
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
    expect(privateNotes(sim, 1, 27)).toHaveLength(1);
    expect(sim.conversation(1, 27).custom_attributes).toEqual({ plan: 'pro', sbf_task_uid: 'va-task-acme-001' });
    expect(sim.invalidCalls()).toEqual([]);
  });

  it('when the vault already holds the task of this conversation but the bot never linked it (a crash in between), then that task is reused', async ({ expect, onTestFinished }) => {
    // What a crash right after writing the note (and before recording the link) leaves behind.
    const seedVault = (vaultDir: string) => {
      const orphan = join(vaultDir, 'clients/acme/tasks/va-task-acme-001.md');
      mkdirSync(dirname(orphan), { recursive: true });
      writeFileSync(
        orphan,
        [
          '---',
          'uid: va-task-acme-001',
          'type: va.task',
          'title: "Chatwoot #27: I want a refund"',
          'client_uid: va-client-acme-001',
          'status: todo',
          'priority: high',
          'source: chatwoot',
          'metadata: { account_id: 1, conversation_id: 27, inbox_id: 3 }',
          '---',
          '',
        ].join('\n'),
      );
    };
    const world = await startWorld(onTestFinished, { seedVault });
    const { sim } = world;

    await sim.customerSays(1, 27, REFUND_REQUEST);
    await sim.waitFor(() => sim.conversation(1, 27).status === 'open', 10_000);
    await botSettled(world);
    expect(vaultTasks(world.vaultDir).map((t) => t.data.uid)).toEqual(['va-task-acme-001']);
    expect(sim.conversation(1, 27).custom_attributes).toEqual({ sbf_task_uid: 'va-task-acme-001' });
    expect(privateNotes(sim, 1, 27)[0]!.content).toContain('va-task-acme-001');
    expect(escalationSteps(sim, 1, 27)).toEqual(ONCE_EACH);
  });
});
