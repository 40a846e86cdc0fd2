import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import {
  botSettled,
  botWrites,
  escalationSteps,
  ONCE_EACH,
  privateNotes,
  publicReplies,
  REFUND_REQUEST,
  startWorld,
  USER_TOKEN,
  vaultTasks,
} from './harness.ts';

const CONV_PATH = '/api/v1/accounts/1/conversations/27';

/** A SOP whose steps send one case, by name, to bob (acme's backup VA, agent 8), urgently. */
const CHANGE_PLAN_SOP = `---
uid: va-sop-acme-change-plan-001
type: va.sop
client_uid: va-client-acme-001
title: Change your plan
status: published
locale: en
tags: [plan, upgrade, downgrade]
sensitivity: { level: public }
steps:
  - "Check the current plan in the admin console"
  - "If moving to Enterprise, create an urgent task for bob (sales hand-off)"
---
## Answer
Owners change the plan under Settings → Billing → Plan. An upgrade applies at once; a downgrade applies at the end of the billing month.
`;

describe.concurrent('escalation path', () => {
  it('when a customer asks for a refund, then one va.task is written, alice is assigned, the customer and VAs are told, the link is stored and the conversation opens, in that order', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    sim.openConversation({ accountId: 1, displayId: 27, customAttributes: { plan: 'pro', order_ref: 'A-1009' } });
    await sim.customerSays(1, 27, REFUND_REQUEST);

    await sim.waitFor(() => sim.conversation(1, 27).status === 'open', 10_000);
    await botSettled(world);

    // The task note in the vault.
    const tasks = vaultTasks(world.vaultDir);
    expect(tasks).toHaveLength(1);
    const task = tasks[0]!.data;
    expect(task).toMatchObject({
      uid: 'va-task-acme-001',
      type: 'va.task',
      client_uid: 'va-client-acme-001',
      source: 'chatwoot',
      status: 'todo',
      priority: 'high',
      assigned_to: 'alice',
      metadata: {
        conversation_url: `${sim.url}/app/accounts/1/conversations/27`,
        conversation_id: 27,
        account_id: 1,
        contact: 'jane.doe@example.com',
        channel: 'chat',
      },
    });
    expect(task.title).toContain(REFUND_REQUEST);
    expect(tasks[0]!.file).toMatch(/clients\/acme\/tasks\/va-task-acme-001\.md$/);

    // What Chatwoot was asked to do, in order: team then VA, tell the customer, brief the VAs,
    // store the link, and only then let go of the conversation.
    const writes = botWrites(sim);
    expect(writes.map((c) => `${c.method} ${c.path.replace(CONV_PATH, '')}`)).toEqual([
      'POST /assignments',
      'POST /assignments',
      'POST /messages',
      'POST /messages',
      'POST /custom_attributes',
      'POST /toggle_status',
    ]);
    expect(writes.map((c) => c.body)).toEqual([
      { team_id: 2 },
      { assignee_id: 7 },
      expect.objectContaining({ private: false, message_type: 'outgoing' }),
      expect.objectContaining({ private: true }),
      { custom_attributes: { plan: 'pro', order_ref: 'A-1009', sbf_task_uid: 'va-task-acme-001' } },
      { status: 'open' },
    ]);
    expect(escalationSteps(sim, 1, 27)).toEqual(ONCE_EACH);
    expect(sim.invalidCalls()).toEqual([]);

    // And the state Chatwoot ended in.
    const conv = sim.conversation(1, 27);
    expect(conv).toMatchObject({ status: 'open', assignee_id: 7, assignee_type: 'User', team_id: 2 });
    expect(conv.custom_attributes).toEqual({ plan: 'pro', order_ref: 'A-1009', sbf_task_uid: 'va-task-acme-001' });
    expect(conv.status_history).toEqual([expect.objectContaining({ from: 'pending', to: 'open', via: 'bot_handoff' })]);
    const replies = publicReplies(sim, 1, 27);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.content).toMatch(/passing this to Alice/);
    expect(replies[0]!.content).not.toContain('va-task');
    const notes = privateNotes(sim, 1, 27);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.content).toContain('va-task-acme-001');
  });

  it('when Chatwoot marks the conversation urgent and the customer asks for a person, then the task keeps the urgent priority', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    sim.openConversation({ accountId: 1, displayId: 31 });
    const res = await fetch(`${sim.url}/api/v1/accounts/1/conversations/31/toggle_priority`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', api_access_token: USER_TOKEN },
      body: JSON.stringify({ priority: 'urgent' }),
    });
    expect(res.status).toBe(200);

    await sim.customerSays(1, 31, 'Can I talk to a real person please?');
    await sim.waitFor(() => sim.conversation(1, 31).status === 'open', 10_000);
    await botSettled(world);

    const tasks = vaultTasks(world.vaultDir);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.data).toMatchObject({ priority: 'urgent', metadata: { conversation_id: 31 } });
    expect(sim.conversation(1, 31).custom_attributes).toEqual({ sbf_task_uid: tasks[0]!.data.uid });
    expect(escalationSteps(sim, 1, 31)).toEqual(ONCE_EACH);
  });

  it('when a resolved conversation comes back with another refund request, then the same task is reused and the handoff runs again', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    await sim.customerSays(1, 27, REFUND_REQUEST);
    await sim.waitFor(() => sim.conversation(1, 27).status === 'open', 10_000);
    await botSettled(world);
    await sim.agentReplies(1, 27, 7, 'Refund issued, sorry about that!');
    await sim.agentResolves(1, 27);
    await botSettled(world);

    // Resolved → pending when the customer writes again: the bot owns it once more.
    await sim.customerSays(1, 27, 'Sorry, I need another refund: the second charge is still there');
    await sim.waitFor(() => sim.conversation(1, 27).status === 'open', 10_000);
    await botSettled(world);

    expect(vaultTasks(world.vaultDir).map((t) => t.data.uid)).toEqual(['va-task-acme-001']);
    const steps = escalationSteps(sim, 1, 27);
    expect(steps).toMatchObject({ assignAgent: 2, handoffMessage: 2, privateNote: 2, handoff: 2 });
    expect(privateNotes(sim, 1, 27).map((m) => m.content)).toEqual([
      expect.stringContaining('va-task-acme-001'),
      expect.stringContaining('va-task-acme-001'),
    ]);
    expect(sim.conversation(1, 27).status_history.map((h) => `${h.from}→${h.to} ${h.via}`)).toEqual([
      'pending→open bot_handoff',
      'open→resolved agent',
      'resolved→pending incoming_message',
      'pending→open bot_handoff',
    ]);
    expect(sim.invalidCalls()).toEqual([]);
  });

  it("when a SOP's step hands the customer's case to a named VA, then that VA gets it, urgently, and the note quotes the step", async ({ expect, onTestFinished }) => {
    const seedVault = (vaultDir: string) => {
      mkdirSync(join(vaultDir, 'clients/acme/sops'), { recursive: true });
      writeFileSync(join(vaultDir, 'clients/acme/sops/va-sop-acme-change-plan-001.md'), CHANGE_PLAN_SOP);
    };
    const world = await startWorld(onTestFinished, { seedVault });
    const { sim } = world;
    await sim.customerSays(1, 41, "We're moving to Enterprise next quarter: how do we change our plan?");
    await sim.waitFor(() => sim.conversation(1, 41).status === 'open', 10_000);
    await botSettled(world);

    const tasks = vaultTasks(world.vaultDir);
    expect(tasks.map((t) => t.data)).toEqual([expect.objectContaining({ assigned_to: 'bob', priority: 'urgent', tags: ['chatwoot', 'escalation:sop_routes_to_va'] })]);
    expect(sim.conversation(1, 41)).toMatchObject({ status: 'open', assignee_id: 8 });
    const note = privateNotes(sim, 1, 41)[0]!.content;
    expect(note).toContain('Why: SOP "Change your plan" hands this case to a person: "If moving to Enterprise, create an urgent task for bob (sales hand-off)"');
    expect(note).toContain("VA: the SOP's step names bob for this case");
    expect(publicReplies(sim, 1, 41)[0]!.content).toMatch(/Bob/);
    expect(sim.invalidCalls()).toEqual([]);
  });
});
