import { setTimeout as sleep } from 'node:timers/promises';
import { summarize, type Summary } from './stats.ts';
import { BOT_TOKEN, type LoadWorld } from './world.ts';

export const ANSWERABLE = 'Hi, I forgot my password and cannot log in. How do I reset my password?';

export interface ReplyFigures {
  /** Customer message created (the webhook is sent right after) → the bot's reply stored, ms. */
  reply: Summary;
  /** Baseline: one POST …/messages from this process to the simulator, ms. */
  apiCall: Summary;
  pacingMs: number;
}

/**
 * Webhook → reply on loopback: one new conversation per sample, each asking a question a SOP
 * answers. The simulator stamps messages in ms, so the figure is the reply's created_at minus the
 * customer message's. Samples are paced so the bot's Chatwoot rate limit (10/s by default, two
 * calls per answer) never delays a reply: the figure is the bot's latency, not the throttle's.
 */
export async function benchReply(world: LoadWorld, opts: { samples: number; pacingMs: number; firstConversation: number }) {
  const { sim } = world;
  const latencies: number[] = [];
  for (let i = 0; i < opts.samples; i++) {
    const started = Date.now();
    const id = opts.firstConversation + i;
    const { message } = await sim.customerSays(1, id, ANSWERABLE);
    const reply = await sim.waitFor(
      () => sim.conversation(1, id).messages.find((m) => m.sender_type === 'agent_bot' && !m.private),
      10_000,
    );
    latencies.push(reply.created_at - message.created_at);
    await sleep(Math.max(0, started + opts.pacingMs - Date.now()));
  }

  const apiCall: number[] = [];
  sim.openConversation({ accountId: 1, displayId: opts.firstConversation - 1, status: 'open' });
  for (let i = 0; i < opts.samples; i++) {
    const t0 = performance.now();
    const res = await fetch(`${sim.url}/api/v1/accounts/1/conversations/${opts.firstConversation - 1}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', api_access_token: BOT_TOKEN },
      body: JSON.stringify({ content: 'baseline', message_type: 'outgoing', private: true }),
    });
    await res.text();
    apiCall.push(performance.now() - t0);
  }
  return { reply: summarize(latencies), apiCall: summarize(apiCall), pacingMs: opts.pacingMs } satisfies ReplyFigures;
}
