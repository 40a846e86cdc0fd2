import type { MessageEvent, VaSop } from '@sbf-chatwoot/shared';
import { alreadyPosted } from '../chatwoot/already-posted.ts';
import { escalate } from '../escalation/escalate.ts';
import { choiceMessage } from '../knowledge/choice-message.ts';
import { asLanguage, type Language } from '../knowledge/language.ts';
import { citedAnswer } from '../knowledge/sop-text.ts';
import type { HandlerContext } from './context.ts';
import { humanHas, sendAnswer } from './send-answer.ts';

/**
 * When no SOP is certain but a few are close, the customer picks their topic from buttons
 * (Chatwoot's input_select) or a person: a click answers from the SOP they chose. Chatwoot tells
 * us of the click as a message_updated of our message, with `submitted_values` (AGENT-BOT.md §4).
 */

/** Offers the choice once per customer message, remembering it until the customer answers. */
export async function offerChoice(
  ctx: HandlerContext,
  input: { accountId: number; conversationId: number; messageId: number; question: string; language: Language; options: VaSop[] },
): Promise<void> {
  const { accountId: a, conversationId: c, language } = input;
  await ctx.conversations.once(a, c, `choice:${input.messageId}`, async () => {
    const current = await ctx.chatwoot.getConversation(a, c);
    if (humanHas(current)) return ctx.log.info({ status: current?.status }, 'a human took over before the choice was offered: staying quiet');
    // Remembered before it is posted, so a click can never arrive for a choice we do not know.
    ctx.conversations.offerChoice(a, c, {
      forMessage: input.messageId,
      question: input.question,
      language,
      options: input.options.map((s) => s.uid),
    });
    const { content, items } = choiceMessage(language, input.options);
    const posted = alreadyPosted(current, content, false) ? undefined : await ctx.chatwoot.sendChoice(a, c, content, items);
    ctx.conversations.choicePosted(a, c, posted?.id ?? null, language);
  });
}

/** The first value the customer submitted on an input_select, if this update carries one. */
function submitted(ev: MessageEvent): string | undefined {
  const values = ev.content_attributes.submitted_values;
  const first = Array.isArray(values) ? (values[0] as { value?: unknown } | undefined) : undefined;
  return typeof first?.value === 'string' ? first.value : undefined;
}

/** The customer clicked a button of our choice: answer from that SOP, or hand over to a person. */
export async function onChoiceMade(ev: MessageEvent, ctx: HandlerContext): Promise<void> {
  if (ev.content_type !== 'input_select' || ev.private || ev.sender?.type !== 'agent_bot') return;
  const picked = submitted(ev);
  if (picked === undefined) return;
  const a = ev.account.id;
  const conversation = ev.conversation;
  const c = conversation.id;
  if (conversation.status !== 'pending') return ctx.log.debug({ status: conversation.status }, 'choice ignored: humans own the conversation');
  const setup = ctx.directory.resolve(a, ev.inbox.id);
  const choice = ctx.conversations.pendingChoice(a, c);
  // An older choice, or one the customer moved on from by writing: its buttons no longer count.
  if (!setup || !choice || (choice.messageId !== null && choice.messageId !== ev.id)) {
    return ctx.log.info({ message: ev.id }, 'choice ignored: it is no longer open');
  }
  const language = asLanguage(choice.language) ?? 'en';
  const sop = choice.options.includes(picked) ? ctx.sops.get(picked) : undefined;
  if (sop) {
    await sendAnswer(ctx, a, c, { step: `chosen:${ev.id}`, sopUid: sop.uid, reply: citedAnswer(sop, language), language, chosen: true });
  } else {
    const offered = choice.options.map((uid) => `"${ctx.sops.get(uid)?.title ?? uid}"`).join(', ');
    const gone = choice.options.includes(picked);
    await escalate(ctx, {
      accountId: a,
      conversation,
      setup,
      text: choice.question,
      trigger: gone ? 'choice_unavailable' : 'chose_person',
      reason: gone
        ? `the SOP the customer chose (${picked}) is no longer published`
        : `the customer chose to talk to the team rather than the SOPs offered (${offered})`,
      language,
    });
  }
  ctx.conversations.clearChoice(a, c);
}
