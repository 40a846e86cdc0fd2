import type { Simulator } from '../src/simulator/index.ts';
import { CLICKS, QUESTIONS, type ConversationPlan, type Question } from './plan.ts';

/** One customer message as the soak saw it go out. */
export interface SentMessage {
  conversation: number;
  messageId: number;
  question: Question;
  deliveryId: string;
  /** Conversation status just before the message (a new conversation starts pending). */
  statusBefore: string;
  /** The bot's HTTP status (0 = no answer: the bot was down) and its JSON answer. */
  ack: { status: number; result?: { status: string; job?: number } };
  /** The customer's click on the bot's choice, and the bot's HTTP status for its message_updated. */
  click?: { title: string; status: number };
  /** The same delivery sent again, and what the bot said to it. */
  duplicate?: { status: number; result?: { status: string; job?: number } };
}

export interface Ledger {
  messages: SentMessage[];
  /** Waits for an outcome that timed out (the bot was down or retrying); the final check decides. */
  slow: number;
}

const parse = (body: string | undefined) => {
  try {
    return body ? (JSON.parse(body) as { status: string; job?: number }) : undefined;
  } catch {
    return undefined;
  }
};

/** Until the bot answered with the SOP, escalated, or lost the conversation to humans. */
async function outcome(sim: Simulator, id: number, question: Question, timeoutMs: number): Promise<boolean> {
  const sop = QUESTIONS[question].sop;
  return sim
    .waitFor(() => {
      const conv = sim.conversation(1, id);
      if (conv.status !== 'pending') return true;
      return sop !== undefined && conv.messages.some((m) => m.sender_type === 'agent_bot' && !m.private && m.content?.includes(`Source: ${sop}`));
    }, timeoutMs)
    .then(() => true)
    .catch(() => false);
}

/**
 * Plays conversations one after another, as one customer at a time would: say, maybe have
 * Chatwoot send the same delivery again, wait for the bot's outcome, go on.
 */
export async function playConversation(
  sim: Simulator,
  plan: ConversationPlan,
  ledger: Ledger,
  opts: { seed: number; deadline: number },
): Promise<void> {
  let settled = true;
  for (const [n, step] of plan.steps.entries()) {
    if ('takeover' in step) {
      // An agent takes over only once the bot has answered the last message: taking over while
      // the bot is between reading the status and posting is a race no bot can win, not a bug.
      if (!settled || sim.conversation(1, plan.id).status !== 'pending') return;
      await sim.agentOpens(1, plan.id);
      await sim.agentReplies(1, plan.id, 7, 'Hi, Alice here, I will take it from here.');
      continue;
    }
    const statusBefore = (() => {
      try {
        return sim.conversation(1, plan.id).status;
      } catch {
        return 'pending';
      }
    })();
    const deliveryId = `soak-${opts.seed}-${plan.id}-${n}`;
    const { message, delivery } = await sim.customerSays(1, plan.id, QUESTIONS[step.say].text, { deliveryId });
    const sent: SentMessage = {
      conversation: plan.id,
      messageId: message.id,
      question: step.say,
      deliveryId,
      statusBefore,
      ack: { status: delivery?.status ?? 0, result: parse(delivery?.response) },
    };
    ledger.messages.push(sent);
    if (step.duplicate && sent.ack.status === 200) {
      const again = await sim.redeliver(deliveryId);
      sent.duplicate = { status: again.status, result: parse(again.body) };
    }
    const click = CLICKS[step.say];
    if (click && statusBefore === 'pending' && sent.ack.status === 200) {
      // The customer clicks once the buttons are there, unless a person got the conversation first.
      const offered = await sim
        .waitFor(() => {
          const conv = sim.conversation(1, plan.id);
          return conv.status !== 'pending' || conv.messages.some((m) => m.content_type === 'input_select' && m.sender_type === 'agent_bot');
        }, Math.max(1, Math.min(20_000, opts.deadline - Date.now())))
        .then(() => sim.conversation(1, plan.id).status === 'pending')
        .catch(() => false);
      if (offered) {
        const { delivery: clicked } = await sim.customerChooses(1, plan.id, click);
        sent.click = { title: click, status: clicked?.status ?? 0 };
      }
    }
    // Waiting is only pacing: past the deadline the final check judges what is still open.
    const waitMs = Math.min(20_000, opts.deadline - Date.now());
    settled = statusBefore === 'pending' && waitMs > 0 && (await outcome(sim, plan.id, step.say, waitMs));
    if (statusBefore === 'pending' && !settled) ledger.slow++;
  }
}
