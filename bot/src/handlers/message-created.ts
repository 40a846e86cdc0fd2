import type { MessageEvent } from '@sbf-chatwoot/shared';
import { escalate } from '../escalation/escalate.ts';
import { isCanned } from '../knowledge/canned-responses.ts';
import { fillVariables, messageVariables } from '../knowledge/message-variables.ts';
import { citedAnswer, customerText } from '../knowledge/sop-text.ts';
import { assess } from '../assess.ts';
import { withComposer, type Outcome } from '../knowledge/second-look.ts';
import { policyFor } from '../triage.ts';
import type { HandlerContext } from './context.ts';
import { offerChoice } from './choice.ts';
import { sendAnswer } from './send-answer.ts';
import { trackAgentReply } from './tracking.ts';

/** The channel whose input_select messages show as buttons (other channels vary: AGENT-BOT.md §6). */
const WEB_WIDGET = 'Channel::WebWidget';

/** Why the bot stays out of a message, or undefined when it is the bot's to answer. */
export function skipReason(ev: MessageEvent): string | undefined {
  if (ev.private) return 'private note';
  if (ev.message_type !== 'incoming') return `${ev.message_type} message (${ev.sender?.type ?? 'system'})`;
  if (ev.conversation.status !== 'pending') return `conversation is ${ev.conversation.status}: humans own it`;
  return undefined;
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
  // The customer wrote instead of taking the choice offered: this message is decided on its own,
  // and the old buttons no longer count. A choice offered for this very message is an earlier
  // attempt of this job: the retry must decide as that attempt did.
  const pending = ctx.conversations.pendingChoice(accountId, conversation.id);
  const earlier = pending && pending.forMessage !== ev.id ? pending : undefined;
  if (earlier) ctx.conversations.clearChoice(accountId, conversation.id);
  const attrs = conversation.additional_attributes;
  const policy = policyFor(setup.support.bot);
  const assessment = assess(ctx.sops, {
    clientUid,
    text,
    languageHint: String(attrs.conversation_language ?? attrs.browser_language ?? row.language ?? ''),
    botTurns: row.bot_turns,
    hasAttachments: Boolean(ev.attachments?.length),
    labels: conversation.labels,
    policy,
    lastAnsweredSop: row.last_answer_sop ?? undefined,
    canOfferChoice: conversation.channel === WEB_WIDGET,
    choiceOffered: Boolean(earlier),
    otherClient: ctx.directory.otherClientNamed(clientUid, text)?.title,
  }, ctx.precedents);
  const outcome = await withComposer(ctx.composer, text, assessment, policy);
  ctx.log.info(
    { decision: outcome.kind, confidence: outcome.confidence, language: assessment.language, reason: outcome.reason },
    'triaged',
  );

  // A canned response's {{variables}} come from this conversation; one it lacks data for is not sent.
  const canned =
    outcome.kind === 'answer' && isCanned(outcome.sop)
      ? fillVariables(customerText(outcome.sop), messageVariables(conversation, { sender: ev.sender, inbox: ev.inbox }))
      : undefined;
  const decision: Outcome =
    outcome.kind === 'answer' && canned?.ok === false
      ? {
          kind: 'escalate',
          trigger: 'canned_unfillable',
          confidence: outcome.confidence,
          reason: `canned response "${outcome.sop.title}" needs ${canned.missing.join(', ')}, which this conversation lacks`,
        }
      : outcome;
  if (decision.kind === 'escalate') {
    const { trigger, reason, route } = decision;
    await escalate(ctx, { accountId, conversation, setup, text, trigger, reason, route, language: assessment.language });
    return;
  }

  if (decision.kind === 'clarify') {
    await offerChoice(ctx, { accountId, conversationId: conversation.id, messageId: ev.id, question: text, language: assessment.language, options: decision.options });
    return;
  }
  // A canned response has no Help Center article to cite: it goes out as the team wrote it.
  const reply = canned?.ok ? canned.text : citedAnswer(decision.sop, assessment.language, decision.text);
  // One answer per customer message, however often this job is retried.
  await sendAnswer(ctx, accountId, conversation.id, { step: `answer:${ev.id}`, sopUid: decision.sop.uid, reply, language: assessment.language });
}
