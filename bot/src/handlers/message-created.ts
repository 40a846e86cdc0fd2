import type { MessageEvent } from '@sbf-chatwoot/shared';
import { escalate } from '../escalation/escalate.ts';
import { customerText } from '../knowledge/sop-text.ts';
import { decide, defaultPolicy, type Policy } from '../triage.ts';
import type { HandlerContext } from './context.ts';

/** Why the bot stays out of a message, or undefined when it is the bot's to answer. */
export function skipReason(ev: MessageEvent): string | undefined {
  if (ev.private) return 'private note';
  if (ev.message_type !== 'incoming') return `${ev.message_type} message (${ev.sender?.type ?? 'system'})`;
  if (ev.conversation.status !== 'pending') return `conversation is ${ev.conversation.status}: humans own it`;
  return undefined;
}

function policyFor(bot: unknown): Policy {
  const b = (bot ?? {}) as { confidence_threshold?: number; max_bot_turns?: number };
  return {
    ...defaultPolicy,
    threshold: b.confidence_threshold ?? defaultPolicy.threshold,
    maxBotTurns: b.max_bot_turns ?? defaultPolicy.maxBotTurns,
  };
}

export async function onMessageCreated(ev: MessageEvent, ctx: HandlerContext): Promise<void> {
  const skip = skipReason(ev);
  if (skip) return ctx.log.debug({ skip }, 'message ignored');

  const accountId = ev.account.id;
  const conversation = ev.conversation;
  const setup = ctx.directory.resolve(accountId, ev.inbox.id);
  if (!setup) {
    ctx.log.warn({ accountId, inbox: ev.inbox.id }, 'no va.customer_support for this account/inbox: handing off');
    await ctx.conversations.once(accountId, conversation.id, 'unconfigured_handoff', () =>
      ctx.chatwoot.handoff(accountId, conversation.id),
    );
    return;
  }

  const clientUid = setup.support.client_uid;
  const row = ctx.conversations.ensure(accountId, conversation.id, clientUid);
  const text = ev.content ?? '';
  const decision = decide({
    text,
    hits: ctx.sops.search(clientUid, text),
    botTurns: row.bot_turns,
    hasAttachments: Boolean(ev.attachments?.length),
    labels: conversation.labels,
    policy: policyFor(setup.support.bot),
  });
  ctx.log.info({ decision: decision.kind, confidence: decision.confidence, reason: decision.reason }, 'triaged');

  if (decision.kind === 'escalate') {
    await escalate(ctx, { accountId, conversation, setup, text, trigger: decision.trigger, reason: decision.reason });
    return;
  }

  // One answer per customer message, however often this job is retried.
  await ctx.conversations.once(accountId, conversation.id, `answer:${ev.id}`, async () => {
    const current = await ctx.chatwoot.getConversation(accountId, conversation.id);
    if (current && (current.status !== 'pending' || current.meta.assignee_type === 'User')) {
      ctx.log.info({ status: current.status }, 'a human took over before the answer was sent: staying quiet');
      return;
    }
    const url = decision.sop.publish?.url;
    const source = url ? `Source: ${decision.sop.title} (${url})` : `Source: ${decision.sop.title}`;
    await ctx.chatwoot.sendReply(accountId, conversation.id, `${customerText(decision.sop)}\n\n${source}`);
    ctx.conversations.countBotTurn(accountId, conversation.id);
  });
}
