import { describe, it } from 'vitest';
import type { Simulator } from '../src/simulator/index.ts';
import { botSettled, PASSWORD_QUESTION, privateNotes, publicReplies, runReport, startWorld, vaultTasks, type World } from './harness.ts';

/** Close to the password SOP, but not certain: the bot asks rather than guesses. */
const VAGUE_LOGIN = 'I need to get back into my account';
const VAGUE_INVOICES = 'where do I find my invoices';
const TO_TEAM = 'Something else: talk to our team';

/** The client's choice figures from `pnpm report --json`. */
function choiceFigures(world: { dataDir: string; vaultDir: string }) {
  const out = runReport(['--json'], { DATA_DIR: world.dataDir, SBF_VAULT_DIR: world.vaultDir });
  const [client] = JSON.parse(out.stdout).clients;
  return { choices_offered: client.choices_offered, choice_to_sop_rate: client.choice_to_sop_rate };
}

const choices = (sim: Simulator, a: number, c: number) => publicReplies(sim, a, c).filter((m) => m.content_type === 'input_select');

/** The customer writes in account 1's widget; resolves once the bot has offered its choice and settled. */
async function askUntilOffered(world: World, c: number, text: string) {
  await world.sim.customerSays(1, c, text);
  await world.sim.waitFor(() => choices(world.sim, 1, c).length > 0, 10_000);
  await botSettled(world);
}

describe.concurrent('a choice of close SOPs', () => {
  it('when no SOP is certain, then the bot offers buttons; after a restart a click on one is answered from that SOP, once', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    await askUntilOffered(world, 27, VAGUE_LOGIN);

    const [offer] = choices(sim, 1, 27);
    expect(offer!.content).toBe('I want to be sure I answer the right question. Which of these is it about?');
    expect(offer!.content_attributes).toEqual({
      items: [
        { title: 'Reset your password', value: 'va-sop-acme-password-reset-001' },
        { title: TO_TEAM, value: 'handoff' },
      ],
    });
    expect(publicReplies(sim, 1, 27)).toHaveLength(1);
    expect(sim.conversation(1, 27).status).toBe('pending');

    // The choice is remembered on disk: a restart between the offer and the click loses nothing.
    await world.restartBot();
    const { delivery } = await sim.customerChooses(1, 27, 'Reset your password');
    expect(delivery).toMatchObject({ status: 200 });
    await sim.waitFor(() => publicReplies(sim, 1, 27).length === 2, 10_000);
    await botSettled(world);
    const answer = publicReplies(sim, 1, 27)[1]!;
    expect(answer.content).toContain('choose **Forgot password**');
    expect(answer.content).toContain('Source: Reset your password');
    expect(answer.content).not.toMatch(/admin console|Internal/);

    // Chatwoot updates the message again (read receipts): the choice was taken, nothing more is sent.
    await sim.customerChooses(1, 27, 'Reset your password');
    await botSettled(world);
    expect(publicReplies(sim, 1, 27)).toHaveLength(2);
    expect(sim.conversation(1, 27).status).toBe('pending');
    expect(vaultTasks(world.vaultDir)).toEqual([]);
    expect(sim.invalidCalls()).toEqual([]);
    expect(choiceFigures(world)).toEqual({ choices_offered: 1, choice_to_sop_rate: 1 });
  });

  it('when the customer picks "something else", then a VA gets the task with their question and the SOPs they turned down', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    await askUntilOffered(world, 28, VAGUE_INVOICES);
    await sim.customerChooses(1, 28, TO_TEAM);
    await sim.waitFor(() => sim.conversation(1, 28).status === 'open', 10_000);
    await botSettled(world);

    const tasks = vaultTasks(world.vaultDir);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.data).toMatchObject({ assigned_to: 'alice', tags: ['chatwoot', 'escalation:chose_person'] });
    expect(tasks[0]!.data.title).toContain(VAGUE_INVOICES);
    const [note] = privateNotes(sim, 1, 28);
    expect(note!.content).toContain('Why: the customer chose to talk to the team rather than the SOPs offered ("Download your invoices")');
    expect(sim.conversation(1, 28).assignee_id).toBe(7);
    expect(sim.invalidCalls()).toEqual([]);
    expect(choiceFigures(world)).toEqual({ choices_offered: 1, choice_to_sop_rate: 0 });
  });

  it('when the customer writes instead of clicking, then that message is answered and the old buttons no longer count', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    await askUntilOffered(world, 29, VAGUE_LOGIN);
    await sim.customerSays(1, 29, PASSWORD_QUESTION);
    await sim.waitFor(() => publicReplies(sim, 1, 29).length === 2, 10_000);
    await botSettled(world);
    expect(publicReplies(sim, 1, 29)[1]!.content).toContain('Source: Reset your password');

    await sim.customerChooses(1, 29, TO_TEAM);
    await botSettled(world);
    expect(publicReplies(sim, 1, 29)).toHaveLength(2);
    expect(sim.conversation(1, 29).status).toBe('pending');
    expect(vaultTasks(world.vaultDir)).toEqual([]);
  });

  it("when posting the choice times out while Chatwoot saves it, then the retry still offers the choice (once) instead of escalating, and the click is answered", async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;
    // Past the bot's 3 s timeout: the bot gives up, Chatwoot stores the message anyway.
    sim.faults.delayNext(1, 3500, { method: 'POST', path: '/messages' });
    await sim.customerSays(1, 30, VAGUE_LOGIN);
    await sim.waitFor(() => choices(sim, 1, 30).length > 0, 15_000);
    await botSettled(world, 15_000);
    expect(choices(sim, 1, 30)).toHaveLength(1);
    expect(sim.conversation(1, 30).status).toBe('pending');
    expect(vaultTasks(world.vaultDir)).toEqual([]);

    await sim.customerChooses(1, 30, 'Reset your password');
    await sim.waitFor(() => publicReplies(sim, 1, 30).length === 2, 10_000);
    expect(publicReplies(sim, 1, 30)[1]!.content).toContain('Source: Reset your password');
  });
});
