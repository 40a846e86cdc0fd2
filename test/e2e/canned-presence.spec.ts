import { describe, it } from 'vitest';
import {
  ACME,
  botSettled,
  botWrites,
  PASSWORD_QUESTION,
  privateNotes,
  publicReplies,
  REFUND_REQUEST,
  startWorld,
  USER_TOKEN,
  vaultTasks,
  type World,
} from './harness.ts';

/**
 * Account 1 with, besides the contract fixture's canned responses: one the acme SOPs do not cover,
 * one only an agent can fill, and one that needs the contact's phone (Jane Doe has none).
 */
const ACCOUNT = {
  ...ACME,
  cannedResponses: [
    {
      short_code: 'shipping',
      content: 'Hi {{contact.first_name}}, orders ship within two business days from our Berlin warehouse. Your reference is #{{ conversation.id }}.',
    },
    { short_code: 'intro', content: "I'm {{agent.name}} and I will look after your warehouse order today." },
    { short_code: 'loyalty', content: 'Hi {{contact.first_name}}, your loyalty points balance goes by text message to {{contact.phone}} every Monday.' },
  ],
};
const SHIPPING_QUESTION = 'How long does shipping take from your warehouse?';
const WITH_USER_TOKEN = { sim: { accounts: [ACCOUNT] }, env: { CHATWOOT_USER_TOKEN: USER_TOKEN } };

/** The first canned-response pass runs right after start; questions wait for it. */
const cannedIndexed = (world: World) =>
  world.sim.waitFor(() => world.bot.logs.some((l) => l.includes('"canned responses indexed"')), 10_000);

describe.concurrent('canned responses and VA presence (CHATWOOT_USER_TOKEN)', () => {
  it('when a customer asks what a canned response answers, then the bot sends it once with the contact and conversation filled in and no citation', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished, WITH_USER_TOKEN);
    const { sim } = world;
    await cannedIndexed(world);
    expect(world.bot.logs.join('\n')).toMatch(/"indexed":4,"left_out":1/);

    await sim.customerSays(1, 40, SHIPPING_QUESTION);
    await sim.waitFor(() => publicReplies(sim, 1, 40).length > 0, 10_000);
    await botSettled(world);

    expect(publicReplies(sim, 1, 40).map((m) => m.content)).toEqual([
      'Hi Jane, orders ship within two business days from our Berlin warehouse. Your reference is #40.',
    ]);
    expect(sim.conversation(1, 40)).toMatchObject({ status: 'pending', assignee_id: null });
    // Canned responses are read with the user token; the bot token only answers.
    expect(sim.callsTo('/canned_responses', 'GET').map((c) => [c.auth, c.status])).toEqual([['user', 200]]);
    expect(botWrites(sim).map((c) => c.path)).toEqual(['/api/v1/accounts/1/conversations/40/messages']);
    expect(sim.calls.filter((c) => c.auth === 'user').every((c) => c.method === 'GET')).toBe(true);
    expect(sim.invalidCalls()).toEqual([]);
    expect(vaultTasks(world.vaultDir)).toEqual([]);
    expect(world.bot.logs.join('\n')).not.toContain(USER_TOKEN);
  });

  it('when the best answer is a canned response needing data the conversation lacks, then the bot escalates instead of sending braces', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished, WITH_USER_TOKEN);
    const { sim } = world;
    await cannedIndexed(world);
    await sim.customerSays(1, 43, 'When do I get my loyalty points balance?');
    await sim.waitFor(() => sim.conversation(1, 43).status === 'open', 10_000);
    await botSettled(world);

    expect(publicReplies(sim, 1, 43).map((m) => m.content)).toEqual([expect.stringMatching(/passing this to Alice/)]);
    expect(privateNotes(sim, 1, 43)[0]!.content).toContain('Why: canned response "loyalty" needs contact.phone, which this conversation lacks.');
    expect(sim.conversation(1, 43).messages.some((m) => m.content?.includes('{{'))).toBe(false);
    expect(vaultTasks(world.vaultDir)[0]!.data.tags).toContain('escalation:canned_unfillable');
  });

  it('when the primary VA is offline in Chatwoot, then the escalation goes to the online backup and the private note says why', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished, WITH_USER_TOKEN);
    const { sim } = world;
    sim.setAgentAvailability(1, 7, 'offline');
    await sim.customerSays(1, 41, REFUND_REQUEST);
    await sim.waitFor(() => sim.conversation(1, 41).status === 'open', 10_000);
    await botSettled(world);

    expect(sim.conversation(1, 41)).toMatchObject({ assignee_id: 8, assignee_type: 'User', team_id: 2 });
    expect(vaultTasks(world.vaultDir).map((t) => t.data.assigned_to)).toEqual(['bob']);
    expect(publicReplies(sim, 1, 41).map((m) => m.content)).toEqual([expect.stringMatching(/passing this to Bob/)]);
    const notes = privateNotes(sim, 1, 41);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.content).toContain('VA: alice (primary) is offline in Chatwoot; bob is the first available backup and online in Chatwoot.');
    expect(sim.callsTo('/agents', 'GET').map((c) => [c.auth, c.status])).toEqual([['user', 200]]);
    expect(sim.invalidCalls()).toEqual([]);
  });

  it('when Chatwoot cannot list the agents, then the vault decides and the private note says presence was unknown', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished, WITH_USER_TOKEN);
    const { sim } = world;
    sim.setAgentAvailability(1, 7, 'offline');
    sim.faults.failNext(1, { status: 503, method: 'GET', path: '/agents' });
    await sim.customerSays(1, 42, REFUND_REQUEST);
    await sim.waitFor(() => sim.conversation(1, 42).status === 'open', 10_000);
    await botSettled(world);

    expect(sim.conversation(1, 42).assignee_id).toBe(7);
    expect(privateNotes(sim, 1, 42)[0]!.content).toContain(
      "VA: alice is the client's primary VA; Chatwoot presence unknown (Chatwoot answered 503), so only away_vas counted.",
    );
  });
});

describe.concurrent('without CHATWOOT_USER_TOKEN', () => {
  it('when canned responses exist and the primary is offline in Chatwoot, then the bot answers from SOPs with a citation and assigns the primary, as before, never asking for either', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished, { sim: { accounts: [ACCOUNT] } });
    const { sim } = world;
    sim.setAgentAvailability(1, 7, 'offline');

    await sim.customerSays(1, 27, PASSWORD_QUESTION);
    await sim.waitFor(() => publicReplies(sim, 1, 27).length > 0, 10_000);
    await sim.customerSays(1, 28, REFUND_REQUEST);
    await sim.waitFor(() => sim.conversation(1, 28).status === 'open', 10_000);
    await botSettled(world);

    const [answer] = publicReplies(sim, 1, 27).map((m) => m.content);
    expect(answer).toContain('choose **Forgot password**');
    expect(answer).toMatch(/\n\nSource: Reset your password$/);
    expect(sim.conversation(1, 28).assignee_id).toBe(7);
    expect(privateNotes(sim, 1, 28)[0]!.content).toContain("VA: alice is the client's primary VA.");
    expect(sim.calls.every((c) => c.auth === 'bot')).toBe(true);
    expect(sim.callsTo('/canned_responses')).toEqual([]);
    expect(sim.callsTo('/agents')).toEqual([]);
    expect(world.bot.logs.join('\n')).not.toContain('canned responses');
  });
});
