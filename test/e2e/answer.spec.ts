import { describe, it } from 'vitest';
import { botSettled, botWrites, PASSWORD_QUESTION, publicReplies, startWorld, vaultTasks } from './harness.ts';

describe.concurrent('answer path', () => {
  it('when a customer asks how to reset a password, then the bot posts the SOP answer once, without its internal section', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    const { delivery } = await sim.customerSays(1, 27, PASSWORD_QUESTION);
    expect(delivery).toMatchObject({ status: 200, attempts: 1 });

    await sim.waitFor(() => publicReplies(sim, 1, 27).length > 0, 10_000);
    await botSettled(world);

    const replies = publicReplies(sim, 1, 27);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.content).toContain('choose **Forgot password**');
    expect(replies[0]!.content).toContain('Reset your password');
    expect(replies[0]!.content).not.toMatch(/admin console|Internal|bounces/);
    const conv = sim.conversation(1, 27);
    expect(conv.status).toBe('pending');
    expect(conv.assignee_id).toBeNull();
    expect(conv.messages.filter((m) => m.private)).toHaveLength(0);
    // The bot re-reads the conversation before speaking, then posts one message; nothing else.
    expect(sim.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/v1/accounts/1/conversations/27',
      'POST /api/v1/accounts/1/conversations/27/messages',
    ]);
    expect(botWrites(sim)[0]!.body).toMatchObject({ message_type: 'outgoing', private: false });
    expect(sim.calls.every((c) => c.auth === 'bot')).toBe(true);
    expect(sim.invalidCalls()).toEqual([]);
    expect(vaultTasks(world.vaultDir)).toEqual([]);
  });
});
