import type { ConversationView } from '@sbf-chatwoot/shared';
import { alreadyPosted } from '../chatwoot/already-posted.ts';
import type { HandlerContext } from './context.ts';

/** A person has the conversation (opened it, or is its assignee): the bot stays quiet. */
export const humanHas = (view: ConversationView | null) =>
  Boolean(view && (view.status !== 'pending' || view.meta.assignee_type === 'User'));

/**
 * Sends one bot answer from a SOP, once per `step` however often the job is retried, unless a
 * human took the conversation meanwhile; the answer counts as a bot turn.
 */
export async function sendAnswer(
  ctx: HandlerContext,
  a: number,
  c: number,
  answer: { step: string; sopUid: string; reply: string; language: string; /** Picked by the customer from a choice. */ chosen?: boolean },
): Promise<void> {
  await ctx.conversations.once(a, c, answer.step, async () => {
    const current = await ctx.chatwoot.getConversation(a, c);
    if (humanHas(current)) {
      ctx.log.info({ status: current?.status }, 'a human took over before the answer was sent: staying quiet');
      return;
    }
    if (!alreadyPosted(current, answer.reply, false)) await ctx.chatwoot.sendReply(a, c, answer.reply);
    ctx.conversations.recordAnswer(a, c, answer.sopUid, answer.language);
    ctx.tracking.botAnswered(a, c, ctx.now().getTime());
    if (answer.chosen) ctx.tracking.choseSop(a, c);
  });
}
