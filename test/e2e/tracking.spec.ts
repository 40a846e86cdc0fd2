import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { parse } from 'yaml';
import { loadWebhookFixture } from '../src/fixtures.ts';
import { botSettled, PASSWORD_QUESTION, REFUND_REQUEST, runReport, startWorld, vaultTasks } from './harness.ts';

/** Chatwoot's CSAT answer: the survey message updated with the rating (a real fixture, re-aimed). */
function csatUpdate(conversationId: number, rating: number, feedback: string) {
  const ev = loadWebhookFixture('message_updated.input_select_submitted');
  ev.id = 77_000 + conversationId;
  ev.content_type = 'input_csat';
  ev.content = 'Please rate the conversation';
  ev.content_attributes = { submitted_values: { csat_survey_response: { rating, feedback_message: feedback } } };
  ev.conversation.id = conversationId;
  ev.conversation.status = 'resolved';
  return ev;
}

describe('support tracking', () => {
  it('when one conversation is deflected and one escalated, answered by alice, rated and reopened, then the task and the report carry those figures', async ({ expect, onTestFinished }) => {
    const world = await startWorld(onTestFinished);
    const { sim } = world;

    // Deflected: the bot answers and the conversation is resolved without a human.
    await sim.customerSays(1, 27, PASSWORD_QUESTION);
    await botSettled(world);
    await sim.agentResolves(1, 27);

    // Escalated: alice replies, the customer rates 4, then writes again (reopen), then resolved again.
    await sim.customerSays(1, 28, REFUND_REQUEST);
    await sim.waitFor(() => sim.conversation(1, 28).status === 'open', 10_000);
    await botSettled(world);
    await new Promise((r) => setTimeout(r, 300));
    await sim.agentReplies(1, 28, 7, 'Hi Jane, I am looking at the double charge now.');
    await sim.agentResolves(1, 28);
    await botSettled(world);
    expect((await sim.deliver(csatUpdate(28, 4, 'quick and kind'))).status).toBe(200);
    await sim.agentOpens(1, 28);
    await sim.agentResolves(1, 28);
    await botSettled(world);

    const [task] = vaultTasks(world.vaultDir);
    expect(task!.data).toMatchObject({ status: 'done', csat: { rating: 4, comment: 'quick and kind' }, reopenings: 1 });
    const firstResponse = Date.parse(task!.data.first_response_at) - Date.parse(task!.data.escalated_at);
    expect(firstResponse).toBeGreaterThanOrEqual(250);
    expect(firstResponse).toBeLessThan(10_000);
    expect(Date.parse(task!.data.resolved_at)).toBeGreaterThanOrEqual(Date.parse(task!.data.first_response_at));

    const out = runReport(['--json'], { DATA_DIR: world.dataDir, SBF_VAULT_DIR: world.vaultDir });
    expect(out.status, out.stderr).toBe(0);
    const { clients } = JSON.parse(out.stdout);
    expect(clients).toHaveLength(1);
    expect(clients[0]).toMatchObject({
      client_uid: 'va-client-acme-001',
      client_name: 'Acme Cloud',
      conversations: 2,
      escalations: 1,
      escalation_rate: 0.5,
      deflected: 1,
      deflection_rate: 0.5,
      csat_avg: 4,
      csat_count: 1,
      reopenings: 1,
    });
    const alice = clients[0].vas.find((v: { va: string }) => v.va === 'alice');
    expect(alice.median_first_response_s).toBeGreaterThan(0.2);

    // The roll-up lands on the client's support note.
    const support = parse(readFileSync(join(world.vaultDir, 'clients/acme/support.md'), 'utf8').split('---')[1]!);
    expect(support.metrics).toMatchObject({ conversations: 2, escalation_rate: 0.5, csat_avg: 4 });
  });

  it('when the report gets a bad date, then it says so and exits non-zero', ({ expect }) => {
    const out = runReport(['--since', 'yesterday-ish']);
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('--since');
  });

  it('when DATA_DIR holds no bot store, then the report says so, exits 78 and creates nothing there', ({ expect }) => {
    const empty = mkdtempSync(join(tmpdir(), 'report-'));
    const out = runReport([], { DATA_DIR: join(empty, 'data'), SBF_VAULT_DIR: empty });
    expect(out.status).toBe(78);
    expect(out.stderr).toContain(`DATA_DIR ${join(empty, 'data')} holds no bot store (bot.sqlite)`);
    expect(readdirSync(empty)).toEqual([]);
  });
});
