import { describe, it } from 'vitest';
import { fakeLlm } from '../../bot/src/__tests__/fake-llm.ts';
import { botSettled, privateNotes, publicReplies, startWorld, vaultTasks } from './harness.ts';

/** Close to the password SOP in meaning, but it shares few words with it: confidence lands under the threshold. */
const PARAPHRASE = 'the sign in page keeps rejecting me';

async function worldWithModel(onTestFinished: (fn: () => Promise<void>) => void, reply: string) {
  const llm = await fakeLlm(() => reply);
  onTestFinished(async () => void llm.server.close());
  const world = await startWorld(onTestFinished, { env: { LLM_BASE_URL: llm.url, LLM_MODEL: 'fake-model', LLM_API_KEY: 'llm-key-e2e' } });
  return { world, llm };
}

describe.concurrent('answer composer second look (LLM_BASE_URL set)', () => {
  it('when a borderline question is answered by the model from a SOP, then the bot sends that answer citing the SOP and keeps the conversation', async ({ expect, onTestFinished }) => {
    const { world, llm } = await worldWithModel(onTestFinished, '[1] Choose "Forgot password" on the sign-in page; the emailed link works for 60 minutes.');
    const { sim } = world;

    await sim.customerSays(1, 60, PARAPHRASE);
    await sim.waitFor(() => publicReplies(sim, 1, 60).length > 0, 10_000);
    await botSettled(world);

    const [reply] = publicReplies(sim, 1, 60).map((m) => m.content);
    expect(reply).toMatch(/^Choose "Forgot password" on the sign-in page; the emailed link works for 60 minutes\.\n\n.*Reset/);
    expect(publicReplies(sim, 1, 60)).toHaveLength(1);
    expect(sim.conversation(1, 60)).toMatchObject({ status: 'pending', assignee_id: null });
    expect(vaultTasks(world.vaultDir)).toEqual([]);
    const sent = JSON.stringify(llm.requests[0]!.body);
    expect(sent).toContain(PARAPHRASE);
    expect(llm.requests[0]!.auth).toBe('Bearer llm-key-e2e');
    expect(world.bot.logs.join('\n')).not.toContain('llm-key-e2e');
    expect(sim.invalidCalls()).toEqual([]);
  });

  it('when the model declines, then the conversation is escalated and the note says the composer could not answer', async ({ expect, onTestFinished }) => {
    const { world } = await worldWithModel(onTestFinished, 'ESCALATE');
    const { sim } = world;

    await sim.customerSays(1, 61, PARAPHRASE);
    await sim.waitFor(() => privateNotes(sim, 1, 61).length > 0, 10_000);
    await botSettled(world);

    expect(sim.conversation(1, 61)).toMatchObject({ status: 'open', assignee_id: 7 });
    expect(privateNotes(sim, 1, 61)[0]!.content).toMatch(/the answer composer could not answer from the top \d SOPs/);
    expect(vaultTasks(world.vaultDir)).toHaveLength(1);
    expect(sim.invalidCalls()).toEqual([]);
  });
});
