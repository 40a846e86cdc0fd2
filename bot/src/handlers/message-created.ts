import type { MessageEvent } from '@sbf-chatwoot/shared';
import { escalate } from '../escalation/escalate.ts';
import { alreadyPosted } from '../chatwoot/already-posted.ts';
import { citation } from '../escalation/handoff-message.ts';
import { customerText } from '../knowledge/sop-text.ts';
import { assess, type Assessment } from '../assess.ts';
import { policyFor } from '../triage.ts';
import type { HandlerContext } from './context.ts';
import { trackAgentReply } from './tracking.ts';

/** Why the bot stays out of a message, or undefined when it is the bot's to answer. */
export function skipReason(ev: MessageEvent): string | undefined {
  if (ev.private) return 'private note';
  if (ev.message_type !== 'incoming') return `${ev.message_type} message (${ev.sender?.type ?? 'system'})`;
  if (ev.conversation.status !== 'pending') return `conversation is ${ev.conversation.status}: humans own it`;
  return undefined;
}

/** The composer rewrites a confident answer; if it fails, the SOP's own text is still a grounded answer. */
async function composeAnswer(ctx: HandlerContext, text: string, decision: Assessment & { kind: 'answer' }) {
  if (!ctx.composer) return undefined;
  try {
    const sops = [decision.sop, ...decision.hits.slice(1, 3).map((h) => h.sop)];
    return await ctx.composer.compose(text, sops, decision.language);
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message }, 'answer composer failed; sending the SOP text');
    return undefined;
  }
}

export async function onMessageCreated(ev: MessageEvent, ctx: HandlerContext): Promise<void> {
  await trackAgentReply(ev, ctx);
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
  ctx.tracking.seen(accountId, conversation.id, Date.parse(ev.created_at) || Date.now());
  const text = ev.content ?? '';
  const attrs = conversation.additional_attributes;
  const decision = assess(ctx.sops, {
    clientUid,
    text,
    languageHint: String(attrs.conversation_language ?? attrs.browser_language ?? row.language ?? ''),
    botTurns: row.bot_turns,
    hasAttachments: Boolean(ev.attachments?.length),
    labels: conversation.labels,
    policy: policyFor(setup.support.bot),
    lastAnsweredSop: row.last_answer_sop ?? undefined,
  });
  ctx.log.info(
    { decision: decision.kind, confidence: decision.confidence, language: decision.language, reason: decision.reason },
    'triaged',
  );

  const composed = decision.kind === 'answer' ? await composeAnswer(ctx, text, decision) : undefined;
  if (decision.kind === 'escalate' || composed?.kind === 'cannot_answer') {
    const trigger = decision.kind === 'escalate' ? decision.trigger : 'composer_declined';
    const reason =
      decision.kind === 'escalate' ? decision.reason : `the answer composer could not answer from SOP "${decision.sop.title}"`;
    await escalate(ctx, {
      accountId,
      conversation,
      setup,
      text,
      trigger,
      reason,
      language: decision.language,
    });
    return;
  }

  // One answer per customer message, however often this job is retried.
  await ctx.conversations.once(accountId, conversation.id, `answer:${ev.id}`, async () => {
    const current = await ctx.chatwoot.getConversation(accountId, conversation.id);
    if (current && (current.status !== 'pending' || current.meta.assignee_type === 'User')) {
      ctx.log.info({ status: current.status }, 'a human took over before the answer was sent: staying quiet');
      return;
    }
    const source = citation(decision.language, decision.sop.title, decision.sop.publish?.url);
    const body = composed?.kind === 'answer' ? composed.text : customerText(decision.sop);
    const reply = `${body}\n\n${source}`;
    if (!alreadyPosted(current, reply, false)) await ctx.chatwoot.sendReply(accountId, conversation.id, reply);
    ctx.conversations.recordAnswer(accountId, conversation.id, decision.sop.uid, decision.language);
    ctx.tracking.botAnswered(accountId, conversation.id, ctx.now().getTime());
  });
}
